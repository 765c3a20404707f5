namespace OrderStreams.Streams.Internals.State;

/// <summary>
/// The cache of one store instance (Kafka Streams' NamedCache): entries by key in least-recently-used order, the dirty
/// ones also in the order of their last write, which is the order a flush writes and forwards them. Not thread-safe;
/// the owning store locks around it.
/// </summary>
internal sealed class StoreCache(RecordCache budget)
{
    private readonly Dictionary<byte[], CacheEntry> entries = new(ByteArrayComparer.Instance);
    private readonly LinkedList<CacheEntry> lru = new();
    private readonly LinkedList<CacheEntry> dirty = new();

    public int Count => entries.Count;

    public int DirtyCount => dirty.Count;

    public RecordCache Budget => budget;

    /// <summary>The least recently used entry, or null when empty.</summary>
    public CacheEntry? Eldest => lru.First?.Value;

    /// <summary>True when the key is cached; its value is then null if the key was deleted.</summary>
    public bool TryGet(byte[] key, out byte[]? value)
    {
        if (!entries.TryGetValue(key, out var entry))
        {
            value = null;
            return false;
        }
        Touch(entry);
        value = entry.Value;
        return true;
    }

    /// <summary>Caches a write (a null value deletes); the entry is dirty until <see cref="TakeDirty"/>.</summary>
    public void Put(byte[] key, byte[]? value, CacheEntryContext context)
    {
        if (entries.TryGetValue(key, out var entry))
        {
            budget.Resize(-entry.Size);
            Touch(entry);
        }
        else
        {
            entry = new CacheEntry(key);
            entries[key] = entry;
            entry.LruNode = lru.AddLast(entry);
        }
        entry.Value = value;
        entry.Timestamp = context.Timestamp;
        entry.Headers = context.Headers;
        entry.Metadata = context.Metadata;
        if (entry.DirtyNode is { } node) dirty.Remove(node);
        entry.DirtyNode = dirty.AddLast(entry);
        budget.Resize(entry.Size);
    }

    /// <summary>The dirty entries in the order of their last write, now marked clean (they stay cached for reads).</summary>
    public List<CacheEntry> TakeDirty()
    {
        var taken = new List<CacheEntry>(dirty.Count);
        foreach (var entry in dirty)
        {
            entry.DirtyNode = null;
            taken.Add(entry);
        }
        dirty.Clear();
        return taken;
    }

    /// <summary>Drops a clean entry (eviction; a dirty one must be flushed first).</summary>
    public void Remove(CacheEntry entry)
    {
        if (entry.Dirty) throw new InvalidOperationException("A dirty cache entry must be flushed before it is evicted.");
        if (!entries.Remove(entry.Key)) return;
        lru.Remove(entry.LruNode!);
        budget.Resize(-entry.Size);
    }

    /// <summary>Cached entries with <paramref name="from"/> ≤ key ≤ <paramref name="to"/> (null bounds are open), in key order.</summary>
    public List<KeyValuePair<byte[], byte[]?>> Range(byte[]? from, byte[]? to)
    {
        var comparer = ByteArrayComparer.Instance;
        var inRange = entries.Values
            .Where(e => (from is null || comparer.Compare(e.Key, from) >= 0) && (to is null || comparer.Compare(e.Key, to) <= 0))
            .Select(e => new KeyValuePair<byte[], byte[]?>(e.Key, e.Value))
            .ToList();
        inRange.Sort((a, b) => comparer.Compare(a.Key, b.Key));
        return inRange;
    }

    /// <summary>Forgets everything, dirty entries included (a task closed without committing).</summary>
    public void Clear()
    {
        foreach (var entry in entries.Values) budget.Resize(-entry.Size);
        entries.Clear();
        lru.Clear();
        dirty.Clear();
    }

    private void Touch(CacheEntry entry)
    {
        lru.Remove(entry.LruNode!);
        lru.AddLast(entry.LruNode!);
    }
}
