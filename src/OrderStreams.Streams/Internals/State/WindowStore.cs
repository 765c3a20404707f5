using OrderStreams.Streams.Serialization;
using OrderStreams.Streams.State;

namespace OrderStreams.Streams.Internals.State;

/// <summary>
/// A typed window store over a byte-level store keyed by <see cref="WindowKeys"/>. Windows that fall behind stream time
/// by more than the retention are refused on write and swept out on flush, at most once per half retention.
/// </summary>
internal sealed class WindowStore<K, V>(
    string name, IBytesStore bytes, ISerde<K> keySerde, ISerde<V> valueSerde, bool loggingEnabled, long retentionMs, long windowSizeMs)
    : StoreBase(name, bytes, loggingEnabled), IWindowStore<K, V>
{
    private long lastSweep = long.MinValue;

    public void Put(K key, V? value, long windowStart)
    {
        if (windowStart + windowSizeMs <= Context.StreamTime() - retentionMs) return;
        WriteBytes(WindowKeys.Compose(SerializeKey(key), windowStart), value is null ? null : valueSerde.Serialize(value, new SerdeContext(Topic, null, false)));
    }

    public V? Fetch(K key, long windowStart)
    {
        var bytes = Bytes.Get(WindowKeys.Compose(SerializeKey(key), windowStart));
        return bytes is null ? default : DeserializeValue(bytes);
    }

    public IEnumerable<KeyValuePair<long, V>> Fetch(K key, long from, long to)
    {
        var keyBytes = SerializeKey(key);
        foreach (var (composite, value) in Bytes.Range(WindowKeys.Compose(keyBytes, from), WindowKeys.Compose(keyBytes, to)))
        {
            // A longer key that starts with this key's bytes can sort inside the range; skip it.
            if (composite.Length != keyBytes.Length + 8) continue;
            yield return new(WindowKeys.WindowStart(composite), DeserializeValue(value));
        }
    }

    public IEnumerable<KeyValuePair<Windowed<K>, V>> All()
    {
        foreach (var (composite, value) in Bytes.Range(null, null))
        {
            var start = WindowKeys.WindowStart(composite);
            var key = keySerde.Deserialize(WindowKeys.Key(composite), new SerdeContext(Topic, null, true));
            yield return new(new Windowed<K>(key, start, start + windowSizeMs), DeserializeValue(value));
        }
    }

    public override object ReadOnlyView(Func<IEnumerable<IStoreInstance>> instances) =>
        new CompositeWindowStore<K, V>(() => instances().OfType<IReadOnlyWindowStore<K, V>>());

    public override void Flush()
    {
        var streamTime = Context.StreamTime();
        if (streamTime != long.MinValue && (lastSweep == long.MinValue || streamTime - lastSweep >= retentionMs / 2))
        {
            lastSweep = streamTime;
            var expired = Bytes.Range(null, null)
                .Where(e => WindowKeys.WindowStart(e.Key) + windowSizeMs <= streamTime - retentionMs)
                .Select(e => e.Key)
                .ToList();
            foreach (var key in expired) WriteBytes(key, null);
        }
        base.Flush();
    }

    private byte[] SerializeKey(K key) => keySerde.Serialize(key, new SerdeContext(Topic, null, true));

    private V DeserializeValue(byte[] bytes) => valueSerde.Deserialize(bytes, new SerdeContext(Topic, null, false));
}
