namespace OrderStreams.Streams.Internals.State;

/// <summary>A store that may hold writes in the thread's record cache; its task flushes it on every commit.</summary>
internal interface ICachingStore
{
    bool HasDirtyEntries { get; }

    void FlushCache();
}
