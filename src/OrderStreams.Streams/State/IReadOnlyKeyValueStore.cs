namespace OrderStreams.Streams.State;

/// <summary>Reads of a key-value store; what interactive queries get.</summary>
/// <remarks>Ranges and <see cref="All"/> iterate in the order of the serialized keys (bytewise), as RocksDB does.</remarks>
public interface IReadOnlyKeyValueStore<K, V>
{
    /// <summary>The value, or <c>default</c> when the key is absent.</summary>
    V? Get(K key);

    bool TryGet(K key, out V value);

    /// <summary>Entries with <paramref name="from"/> ≤ key ≤ <paramref name="to"/> (bytewise), both inclusive.</summary>
    IEnumerable<KeyValuePair<K, V>> Range(K from, K to);

    IEnumerable<KeyValuePair<K, V>> All();

    long ApproximateNumEntries { get; }
}
