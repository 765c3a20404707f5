using OrderStreams.Streams.Serialization;
using OrderStreams.Streams.State;

namespace OrderStreams.Streams.Internals.State;

/// <summary>A typed key-value store over a byte-level store, logging every write to the changelog.</summary>
internal sealed class KeyValueStore<K, V>(string name, IBytesStore bytes, ISerde<K> keySerde, ISerde<V> valueSerde, bool loggingEnabled)
    : StoreBase(name, bytes, loggingEnabled), IKeyValueStore<K, V>
{
    public long ApproximateNumEntries => Bytes.ApproximateCount;

    public V? Get(K key) => TryGet(key, out var value) ? value : default;

    public bool TryGet(K key, out V value)
    {
        var bytes = Bytes.Get(SerializeKey(key));
        if (bytes is null)
        {
            value = default!;
            return false;
        }
        value = DeserializeValue(bytes);
        return true;
    }

    public void Put(K key, V? value) => WriteBytes(SerializeKey(key), value is null ? null : valueSerde.Serialize(value, new SerdeContext(Topic, null, false)));

    public V? PutIfAbsent(K key, V value)
    {
        var keyBytes = SerializeKey(key);
        var existing = Bytes.Get(keyBytes);
        if (existing is not null) return DeserializeValue(existing);
        WriteBytes(keyBytes, valueSerde.Serialize(value, new SerdeContext(Topic, null, false)));
        return default;
    }

    public V? Delete(K key)
    {
        var keyBytes = SerializeKey(key);
        var existing = Bytes.Get(keyBytes);
        if (existing is null) return default;
        WriteBytes(keyBytes, null);
        return DeserializeValue(existing);
    }

    public IEnumerable<KeyValuePair<K, V>> Range(K from, K to) => Decode(Bytes.Range(SerializeKey(from), SerializeKey(to)));

    public IEnumerable<KeyValuePair<K, V>> All() => Decode(Bytes.Range(null, null));

    public override object ReadOnlyView(Func<IEnumerable<IStoreInstance>> instances) =>
        new CompositeKeyValueStore<K, V>(() => instances().OfType<IReadOnlyKeyValueStore<K, V>>());

    private IEnumerable<KeyValuePair<K, V>> Decode(IEnumerable<KeyValuePair<byte[], byte[]>> entries)
    {
        foreach (var (key, value) in entries)
            yield return new(keySerde.Deserialize(key, new SerdeContext(Topic, null, true)), DeserializeValue(value));
    }

    private byte[] SerializeKey(K key) =>
        key is null ? throw new ArgumentNullException(nameof(key), $"Store '{Name}' does not take null keys.") : keySerde.Serialize(key, new SerdeContext(Topic, null, true));

    private V DeserializeValue(byte[] bytes) => valueSerde.Deserialize(bytes, new SerdeContext(Topic, null, false));
}
