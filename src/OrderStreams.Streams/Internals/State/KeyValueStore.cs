using OrderStreams.Streams.Processor;
using OrderStreams.Streams.Serialization;
using OrderStreams.Streams.State;

namespace OrderStreams.Streams.Internals.State;

/// <summary>
/// A typed key-value store over a byte-level store, logging every write to the changelog. With caching (and a record
/// cache from its task), writes stay in the cache until a flush (commit, or the thread's cache over budget) writes
/// each key's latest value once to the store and changelog and hands it to the flush listener, as Kafka Streams'
/// caching store does; reads see the cache first.
/// </summary>
internal sealed class KeyValueStore<K, V>(string name, IBytesStore bytes, ISerde<K> keySerde, ISerde<V> valueSerde, bool loggingEnabled, bool cachingEnabled = false)
    : StoreBase(name, bytes, loggingEnabled), IKeyValueStore<K, V>, ICachedKeyValueStore<K, V>, ICachingStore
{
    // Interactive queries read from other threads while the stream thread writes the cache.
    private readonly Lock gate = new();
    private StoreCache? cache;
    private ITaskRecordContext? recordContext;
    private Action<Record<K, V>>? flushListener;
    private bool flushing;

    public long ApproximateNumEntries => Bytes.ApproximateCount;

    public bool HasDirtyEntries
    {
        get
        {
            if (cache is null) return false;
            lock (gate) return cache.DirtyCount > 0;
        }
    }

    public override void Init(StoreContext storeContext)
    {
        base.Init(storeContext);
        if (cachingEnabled && storeContext is { Cache: { MaxBytes: > 0 } budget, RecordContext: { } records })
        {
            cache = new StoreCache(budget);
            recordContext = records;
        }
    }

    public bool SetFlushListener(Action<Record<K, V>> listener)
    {
        if (cache is null) return false;
        flushListener = listener;
        return true;
    }

    public V? Get(K key) => TryGet(key, out var value) ? value : default;

    public bool TryGet(K key, out V value)
    {
        var bytes = ReadBytes(SerializeKey(key));
        if (bytes is null)
        {
            value = default!;
            return false;
        }
        value = DeserializeValue(bytes);
        return true;
    }

    public void Put(K key, V? value) => Write(SerializeKey(key), value is null ? null : SerializeValue(value));

    public V? PutIfAbsent(K key, V value)
    {
        var keyBytes = SerializeKey(key);
        var existing = ReadBytes(keyBytes);
        if (existing is not null) return DeserializeValue(existing);
        Write(keyBytes, SerializeValue(value));
        return default;
    }

    public V? Delete(K key)
    {
        var keyBytes = SerializeKey(key);
        var existing = ReadBytes(keyBytes);
        if (existing is null) return default;
        Write(keyBytes, null);
        return DeserializeValue(existing);
    }

    public IEnumerable<KeyValuePair<K, V>> Range(K from, K to) => Decode(ReadRange(SerializeKey(from), SerializeKey(to)));

    public IEnumerable<KeyValuePair<K, V>> All() => Decode(ReadRange(null, null));

    /// <summary>Writes every dirty entry to the store and changelog, in the order of their last write, and forwards each.</summary>
    public void FlushCache()
    {
        if (cache is null || flushing) return;
        List<CacheEntry> dirty;
        lock (gate) dirty = cache.TakeDirty();
        if (dirty.Count == 0) return;
        // Entries stay cached (clean) while they reach the store, so concurrent readers never miss them.
        using (var batch = Bytes.CreateWriteBatch())
        {
            foreach (var entry in dirty)
            {
                if (entry.Value is null) batch.Delete(entry.Key);
                else batch.Put(entry.Key, entry.Value);
            }
            Bytes.Write(batch);
        }
        flushing = true;
        try
        {
            foreach (var entry in dirty)
            {
                LogBytes(entry.Key, entry.Value, entry.Timestamp);
                if (flushListener is null) continue;
                var record = new Record<K, V>(
                    keySerde.Deserialize(entry.Key, new SerdeContext(Topic, null, true)),
                    entry.Value is null ? default! : DeserializeValue(entry.Value),
                    entry.Timestamp,
                    entry.Headers);
                recordContext!.RunAs(new CacheEntryContext(entry.Timestamp, entry.Headers, entry.Metadata), () => flushListener(record));
            }
        }
        finally
        {
            flushing = false;
        }
    }

    public override void Flush()
    {
        FlushCache();
        base.Flush();
    }

    /// <summary>Drops what the cache holds unflushed: a clean close has flushed it on commit; any other close must not write it.</summary>
    public override void Close()
    {
        if (cache is not null)
        {
            lock (gate) cache.Clear();
        }
        base.Close();
    }

    public override object ReadOnlyView(Func<IEnumerable<IStoreInstance>> instances) =>
        new CompositeKeyValueStore<K, V>(() => instances().OfType<IReadOnlyKeyValueStore<K, V>>());

    private byte[]? ReadBytes(byte[] key)
    {
        if (cache is not null)
        {
            lock (gate)
            {
                if (cache.TryGet(key, out var cached)) return cached;
            }
        }
        return Bytes.Get(key);
    }

    private void Write(byte[] key, byte[]? value)
    {
        if (cache is null)
        {
            WriteBytes(key, value);
            return;
        }
        lock (gate) cache.Put(key, value, recordContext!.Current);
        if (cache.Budget.OverBudget) Evict();
    }

    /// <summary>
    /// Evicts this store's least recently used entries until the thread's cache is within budget; when a dirty entry
    /// is due, the store's whole dirty set is flushed first (as Kafka Streams does), keeping its forwarding order.
    /// </summary>
    private void Evict()
    {
        while (cache!.Budget.OverBudget)
        {
            CacheEntry? eldest;
            lock (gate) eldest = cache.Eldest;
            if (eldest is null) return;
            if (eldest.Dirty)
            {
                if (flushing) return;
                FlushCache();
                if (eldest.Dirty) return;
            }
            lock (gate) cache.Remove(eldest);
        }
    }

    /// <summary>The store's entries in range with the cache's laid over them (cached deletes hide stored entries).</summary>
    private IEnumerable<KeyValuePair<byte[], byte[]>> ReadRange(byte[]? from, byte[]? to)
    {
        if (cache is null) return Bytes.Range(from, to);
        List<KeyValuePair<byte[], byte[]?>> cached;
        lock (gate) cached = cache.Range(from, to);
        return cached.Count == 0 ? Bytes.Range(from, to) : Merge(cached, Bytes.Range(from, to));
    }

    private static IEnumerable<KeyValuePair<byte[], byte[]>> Merge(List<KeyValuePair<byte[], byte[]?>> cached, IEnumerable<KeyValuePair<byte[], byte[]>> stored)
    {
        var comparer = ByteArrayComparer.Instance;
        var next = 0;
        foreach (var entry in stored)
        {
            for (; next < cached.Count && comparer.Compare(cached[next].Key, entry.Key) < 0; next++)
            {
                if (cached[next].Value is { } value) yield return new(cached[next].Key, value);
            }
            if (next < cached.Count && comparer.Compare(cached[next].Key, entry.Key) == 0)
            {
                if (cached[next].Value is { } value) yield return new(cached[next].Key, value);
                next++;
                continue;
            }
            yield return entry;
        }
        for (; next < cached.Count; next++)
        {
            if (cached[next].Value is { } value) yield return new(cached[next].Key, value);
        }
    }

    private IEnumerable<KeyValuePair<K, V>> Decode(IEnumerable<KeyValuePair<byte[], byte[]>> entries)
    {
        foreach (var (key, value) in entries)
            yield return new(keySerde.Deserialize(key, new SerdeContext(Topic, null, true)), DeserializeValue(value));
    }

    private byte[] SerializeKey(K key) =>
        key is null ? throw new ArgumentNullException(nameof(key), $"Store '{Name}' does not take null keys.") : keySerde.Serialize(key, new SerdeContext(Topic, null, true));

    private byte[] SerializeValue(V value) => valueSerde.Serialize(value, new SerdeContext(Topic, null, false));

    private V DeserializeValue(byte[] bytes) => valueSerde.Deserialize(bytes, new SerdeContext(Topic, null, false));
}
