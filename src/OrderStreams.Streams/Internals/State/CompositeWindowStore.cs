using OrderStreams.Streams.State;

namespace OrderStreams.Streams.Internals.State;

/// <summary>Reads across the local instances of a window store (one per task).</summary>
internal sealed class CompositeWindowStore<K, V>(Func<IEnumerable<IReadOnlyWindowStore<K, V>>> instances) : IReadOnlyWindowStore<K, V>
{
    public V? Fetch(K key, long windowStart)
    {
        foreach (var store in instances())
        {
            var value = store.Fetch(key, windowStart);
            if (value is not null) return value;
        }
        return default;
    }

    public IEnumerable<KeyValuePair<long, V>> Fetch(K key, long from, long to) =>
        instances().SelectMany(s => s.Fetch(key, from, to)).OrderBy(e => e.Key);

    public IEnumerable<KeyValuePair<Windowed<K>, V>> All() => instances().SelectMany(s => s.All());
}
