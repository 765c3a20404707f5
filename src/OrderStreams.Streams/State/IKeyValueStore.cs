namespace OrderStreams.Streams.State;

/// <summary>A key-value store; writes go to the store's changelog topic when logging is enabled.</summary>
public interface IKeyValueStore<K, V> : IStateStore, IReadOnlyKeyValueStore<K, V>
{
    /// <summary>Writes the value; a null value deletes the key.</summary>
    void Put(K key, V? value);

    /// <summary>Writes the value unless the key exists; returns the existing value or <c>default</c>.</summary>
    V? PutIfAbsent(K key, V value);

    /// <summary>Deletes the key; returns the old value or <c>default</c>.</summary>
    V? Delete(K key);
}
