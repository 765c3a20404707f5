namespace OrderStreams.Streams.Internals.State;

// TEMPORARY until the RocksDB wrapper is merged.
internal sealed class RocksDbBytesStore(string name) : IBytesStore
{
    private readonly InMemoryBytesStore inner = new();
    public string Name { get; } = name;
    public bool Persistent => true;
    public void Open(string directory) { }
    public byte[]? Get(byte[] key) => inner.Get(key);
    public void Put(byte[] key, byte[] value) => inner.Put(key, value);
    public void Delete(byte[] key) => inner.Delete(key);
    public void Write(IReadOnlyList<KeyValuePair<byte[], byte[]?>> batch) => inner.Write(batch);
    public IEnumerable<KeyValuePair<byte[], byte[]>> Range(byte[]? from, byte[]? to) => inner.Range(from, to);
    public long ApproximateCount => inner.ApproximateCount;
    public void Flush() { }
    public void Wipe() => inner.Wipe();
    public void Dispose() { }
}
