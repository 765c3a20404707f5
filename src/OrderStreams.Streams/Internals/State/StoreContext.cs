using OrderStreams.Streams.Internals.State.RocksDb;

namespace OrderStreams.Streams.Internals.State;

/// <summary>
/// What a store needs from its task: where to live, where to log, the current times, for caching stores the
/// thread's record cache and the task's current record, and for RocksDB stores the instance's shared settings (when
/// null, each database gets options of its own).
/// </summary>
internal sealed record StoreContext(
    string Directory,
    string ChangelogTopic,
    int Partition,
    IChangelogWriter? Changelog,
    Func<long> RecordTimestamp,
    Func<long> StreamTime,
    RecordCache? Cache = null,
    ITaskRecordContext? RecordContext = null,
    RocksDbStoreSettings? RocksDb = null);
