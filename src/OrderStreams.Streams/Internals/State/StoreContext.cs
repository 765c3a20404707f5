namespace OrderStreams.Streams.Internals.State;

/// <summary>
/// What a store needs from its task: where to live, where to log, the current times, and for caching stores the
/// thread's record cache and the task's current record.
/// </summary>
internal sealed record StoreContext(
    string Directory,
    string ChangelogTopic,
    int Partition,
    IChangelogWriter? Changelog,
    Func<long> RecordTimestamp,
    Func<long> StreamTime,
    RecordCache? Cache = null,
    ITaskRecordContext? RecordContext = null);
