namespace OrderStreams.Streams.Internals.State;

/// <summary>A sorted in-memory store; reads copy ranges out under the lock so iteration never sees concurrent writes.</summary>
internal sealed class InMemoryBytesStore : IBytesStore
{
    private readonly SortedDictionary<byte[], byte[]> map = new(ByteArrayComparer.Instance);
    private readonly Lock gate = new();

    public bool Persistent => false;

    public bool WipedOnOpen => false;

    public long ApproximateCount
    {
        get
        {
            lock (gate) return map.Count;
        }
    }

    public void Open(StoreContext context)
    {
    }

    public byte[]? Get(byte[] key)
    {
        lock (gate) return map.GetValueOrDefault(key);
    }

    public void Put(byte[] key, byte[] value)
    {
        lock (gate) map[key] = value;
    }

    public void Delete(byte[] key)
    {
        lock (gate) map.Remove(key);
    }

    public IBytesWriteBatch CreateWriteBatch() => new WriteBatch();

    public void Write(IBytesWriteBatch batch)
    {
        lock (gate)
        {
            foreach (var (key, value) in ((WriteBatch)batch).Entries)
            {
                if (value is null) map.Remove(key);
                else map[key] = value;
            }
        }
    }

    public IEnumerable<KeyValuePair<byte[], byte[]>> Range(byte[]? from, byte[]? to)
    {
        var comparer = ByteArrayComparer.Instance;
        lock (gate)
        {
            // SortedDictionary has no seek; a linear scan is fine for the test-sized stores this class serves.
            return map.Where(e => (from is null || comparer.Compare(e.Key, from) >= 0) && (to is null || comparer.Compare(e.Key, to) <= 0)).ToList();
        }
    }

    public void Flush()
    {
    }

    public void BeginBulkLoad()
    {
    }

    public void EndBulkLoad()
    {
    }

    public void Wipe()
    {
        lock (gate) map.Clear();
    }

    public void Dispose()
    {
    }

    private sealed class WriteBatch : IBytesWriteBatch
    {
        public List<KeyValuePair<byte[], byte[]?>> Entries { get; } = [];

        public int Count => Entries.Count;

        public void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value) => Entries.Add(new(key.ToArray(), value.ToArray()));

        public void Delete(ReadOnlySpan<byte> key) => Entries.Add(new(key.ToArray(), null));

        public void Dispose()
        {
        }
    }
}
