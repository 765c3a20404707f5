namespace OrderStreams.Streams.State;

/// <summary>A window store; windows older than the retention (behind stream time) are dropped.</summary>
public interface IWindowStore<K, V> : IStateStore, IReadOnlyWindowStore<K, V>
{
    /// <summary>Writes the value for the window; a null value deletes it.</summary>
    void Put(K key, V? value, long windowStart);
}
