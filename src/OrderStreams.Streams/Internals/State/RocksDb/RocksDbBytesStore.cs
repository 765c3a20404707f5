using Microsoft.Extensions.Logging;
using RocksDbSharp;

namespace OrderStreams.Streams.Internals.State.RocksDb;

/// <summary>
/// A byte-level store in a RocksDB database at <c>&lt;task directory&gt;/&lt;store name&gt;</c>, with the format mark
/// of <see cref="RocksDbStoreFormat"/> beside the database's files.
/// </summary>
internal sealed class RocksDbBytesStore(string name) : IBytesStore
{
    private RocksDbDatabase? database;
    private string? path;

    public bool Persistent => true;

    public bool WipedOnOpen { get; private set; }

    public long ApproximateCount => Database.ApproximateCount();

    private RocksDbDatabase Database => database ?? throw new InvalidOperationException($"RocksDB store '{name}' is not open.");

    public void Open(StoreContext context)
    {
        var settings = context.RocksDb ?? RocksDbStoreSettings.Default;
        path = context.Directory;
        var mark = RocksDbStoreFormat.Read(path);
        if (mark is not null && mark != RocksDbStoreFormat.CurrentMark)
        {
            settings.Logger.LogWarning(
                "Store {Store} in {Directory} has the format mark '{Found}', this build writes '{Expected}': deleting its "
                + "content, so it is restored from its changelog",
                name, path, mark, RocksDbStoreFormat.CurrentMark);
            RocksDbDatabase.Destroy(path);
            WipedOnOpen = true;
        }
        else if (mark is null && Directory.Exists(path) && !RocksDbStoreFormat.IsEmpty(path))
        {
            settings.Logger.LogInformation(
                "Store {Store} in {Directory} has no format mark (written before marks, by RocksDB 7.8): keeping it as '{Expected}'",
                name, path, RocksDbStoreFormat.CurrentMark);
        }
        database = RocksDbDatabase.Open(path, settings.Options);
        RocksDbStoreFormat.Write(path);
    }

    public byte[]? Get(byte[] key) => Database.Get(key);

    public void Put(byte[] key, byte[] value) => Database.Put(key, value);

    public void Delete(byte[] key) => Database.Delete(key);

    public IBytesWriteBatch CreateWriteBatch() => new BytesWriteBatch();

    public void Write(IBytesWriteBatch batch) => Database.Write(((BytesWriteBatch)batch).Native);

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

    public void BeginBulkLoad() => Database.BeginBulkLoad();

    public void EndBulkLoad() => Database.EndBulkLoad();

    public void Wipe()
    {
        var directory = path ?? throw new InvalidOperationException($"RocksDB store '{name}' is not open.");
        if (IsEmpty()) return;
        var options = Database.Options;
        Database.Dispose();
        RocksDbDatabase.Destroy(directory);
        database = RocksDbDatabase.Open(directory, options);
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

    /// <summary>
    /// RocksDbSharp's batch, whose span overloads copy straight from the caller's memory into the batch. It would pass
    /// a freed batch to RocksDB after <see cref="Dispose"/>, so this refuses instead.
    /// </summary>
    private sealed class BytesWriteBatch : IBytesWriteBatch
    {
        private bool disposed;

        public WriteBatch Native
        {
            get
            {
                ObjectDisposedException.ThrowIf(disposed, this);
                return field;
            }
        } = new();

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

        public void Dispose()
        {
            if (disposed) return;
            Native.Dispose();
            disposed = true;
        }
    }
}
