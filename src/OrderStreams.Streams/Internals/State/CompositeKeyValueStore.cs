using OrderStreams.Streams.State;

namespace OrderStreams.Streams.Internals.State;

/// <summary>Reads across the local instances of a key-value store (one per task); the instance set is re-read on every call, so rebalances show.</summary>
internal sealed class CompositeKeyValueStore<K, V>(Func<IEnumerable<IReadOnlyKeyValueStore<K, V>>> instances) : IReadOnlyKeyValueStore<K, V>
{
    public long ApproximateNumEntries => instances().Sum(s => s.ApproximateNumEntries);

    public V? Get(K key) => TryGet(key, out var value) ? value : default;

    public bool TryGet(K key, out V value)
    {
        foreach (var store in instances())
        {
            if (store.TryGet(key, out value)) return true;
        }
        value = default!;
        return false;
    }

    public IEnumerable<KeyValuePair<K, V>> Range(K from, K to) => instances().SelectMany(s => s.Range(from, to));

    public IEnumerable<KeyValuePair<K, V>> All() => instances().SelectMany(s => s.All());
}
