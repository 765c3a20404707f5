namespace OrderStreams.Streams.Internals.State;

/// <summary>What a store needs from its task: where to live, where to log, and the current times.</summary>
internal sealed record StoreContext(
    string Directory,
    string ChangelogTopic,
    int Partition,
    IChangelogWriter? Changelog,
    Func<long> RecordTimestamp,
    Func<long> StreamTime);
