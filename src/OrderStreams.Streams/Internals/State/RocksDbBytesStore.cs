using OrderStreams.Streams.State.RocksDb;

namespace OrderStreams.Streams.Internals.State;

/// <summary>A byte-level store in a RocksDB database at <c>&lt;task directory&gt;/&lt;store name&gt;</c>.</summary>
internal sealed class RocksDbBytesStore(string name) : IBytesStore
{
    private RocksDbDatabase? database;
    private string? path;

    public bool Persistent => true;

    public long ApproximateCount => Database.ApproximateCount();

    private RocksDbDatabase Database => database ?? throw new InvalidOperationException($"RocksDB store '{name}' is not open.");

    public void Open(string directory)
    {
        path = directory;
        database = RocksDbDatabase.Open(directory);
    }

    public byte[]? Get(byte[] key) => Database.Get(key);

    public void Put(byte[] key, byte[] value) => Database.Put(key, value);

    public void Delete(byte[] key) => Database.Delete(key);

    public IBytesWriteBatch CreateWriteBatch() => new WriteBatch();

    public void Write(IBytesWriteBatch batch) => Database.Write(((WriteBatch)batch).Native);

    public IEnumerable<KeyValuePair<byte[], byte[]>> Range(byte[]? from, byte[]? to)
    {
        using var iterator = Database.NewIterator();
        if (from is null) iterator.SeekToFirst();
        else iterator.Seek(from);
        // RocksDB ranges exclude the upper bound; ours include it, so the bound is checked here.
        for (; iterator.Valid; iterator.Next())
        {
            if (to is not null && iterator.Key.SequenceCompareTo(to) > 0) yield break;
            yield return new(iterator.Key.ToArray(), iterator.Value.ToArray());
        }
    }

    public void Flush() => Database.Flush();

    public void Wipe()
    {
        var directory = path ?? throw new InvalidOperationException($"RocksDB store '{name}' is not open.");
        if (IsEmpty()) return;
        Database.Dispose();
        RocksDbDatabase.Destroy(directory);
        database = RocksDbDatabase.Open(directory);
    }

    public void Dispose()
    {
        database?.Dispose();
        database = null;
    }

    private bool IsEmpty()
    {
        using var iterator = Database.NewIterator();
        iterator.SeekToFirst();
        return !iterator.Valid;
    }

    private sealed class WriteBatch : IBytesWriteBatch
    {
        public RocksDbWriteBatch Native { get; } = new();

        public int Count { get; private set; }

        public void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
        {
            Native.Put(key, value);
            Count++;
        }

        public void Delete(ReadOnlySpan<byte> key)
        {
            Native.Delete(key);
            Count++;
        }

        public void Dispose() => Native.Dispose();
    }
}
