using OrderStreams.Streams.Processor;

namespace OrderStreams.Streams.Internals.State;

/// <summary>A key-value store whose writes may be held in the thread's record cache until a flush.</summary>
internal interface ICachedKeyValueStore<K, V>
{
    /// <summary>
    /// Has every flushed (or evicted) dirty entry handed to <paramref name="listener"/> as a record with the writer's
    /// timestamp and headers. False when the store does not cache, so the caller forwards each write itself.
    /// </summary>
    bool SetFlushListener(Action<Record<K, V>> listener);
}
