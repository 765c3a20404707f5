namespace OrderStreams.Streams.Internals.State;

/// <summary>The task's current record, as caching stores see it: captured on a cached write, restored around a flush.</summary>
internal interface ITaskRecordContext
{
    CacheEntryContext Current { get; }

    /// <summary>Runs <paramref name="action"/> with <paramref name="context"/> as the current record, then restores the previous one.</summary>
    void RunAs(CacheEntryContext context, Action action);
}
