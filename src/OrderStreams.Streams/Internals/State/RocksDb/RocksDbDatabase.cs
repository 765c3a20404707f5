using System.Globalization;
using RocksDbSharp;

namespace OrderStreams.Streams.Internals.State.RocksDb;

/// <summary>
/// One RocksDB database with byte keys in bytewise order. Safe for concurrent use by many threads; every call after
/// <see cref="Dispose"/> throws <see cref="ObjectDisposedException"/>, and calls already running finish first.
/// </summary>
internal sealed unsafe class RocksDbDatabase : IDisposable
{
    private const string EstimatedKeys = "rocksdb.estimate-num-keys";
    private const string SstFilesSize = "rocksdb.total-sst-files-size";
    private const string MemTablesSize = "rocksdb.cur-size-all-mem-tables";

    private readonly RocksDbDatabaseHandle handle;
    private int disposed;

    private RocksDbDatabase(string path, RocksDbOptions options, RocksDbDatabaseHandle handle)
    {
        Path = path;
        Options = options;
        this.handle = handle;
    }

    /// <summary>The database directory, as a full path.</summary>
    public string Path { get; }

    public RocksDbOptions Options { get; }

    /// <summary>Opens the database in <paramref name="path"/>, creating it and its parent directories if allowed.</summary>
    /// <exception cref="RocksDbException">RocksDB cannot open it (missing, locked by another instance, corrupt, not writable).</exception>
    public static RocksDbDatabase Open(string path, RocksDbOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= RocksDbOptions.Default;
        var fullPath = System.IO.Path.GetFullPath(path);
        if (options.CreateIfMissing) CreateDirectory(fullPath);
        var dbOptions = options.ToDbOptions();
        try
        {
            var db = RocksDbSharp.RocksDb.Open(dbOptions, fullPath);
            return new RocksDbDatabase(fullPath, options, new RocksDbDatabaseHandle(db, options.DisableWal));
        }
        catch (RocksDbSharpException e)
        {
            throw new RocksDbException(fullPath, "open", e.Message, e);
        }
    }

    /// <summary>Deletes the database in <paramref name="path"/>, which must not be open. Does nothing if there is none.</summary>
    /// <exception cref="RocksDbException">RocksDB cannot delete it.</exception>
    public static void Destroy(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = System.IO.Path.GetFullPath(path);
        var options = new DbOptions();
        try
        {
            RocksDbSharp.Native.Instance.rocksdb_destroy_db(options.Handle, fullPath);
        }
        catch (RocksDbSharpException e)
        {
            throw new RocksDbException(fullPath, "destroy", e.Message, e);
        }
        finally
        {
            // The options' finalizer frees the native options, so they must stay reachable during the call.
            GC.KeepAlive(options);
        }
    }

    /// <summary>A copy of the value, or null when the key is absent.</summary>
    public byte[]? Get(ReadOnlySpan<byte> key) =>
        TryGet(key, 0, static (value, _) => value.ToArray(), out var value) ? value : null;

    /// <summary>
    /// Looks a key up and, when present, hands its value to <paramref name="read"/> without copying it. The span is
    /// valid only during the call.
    /// </summary>
    public bool TryGet<TState, TResult>(
        ReadOnlySpan<byte> key, TState state, Func<ReadOnlySpan<byte>, TState, TResult> read, out TResult result)
    {
        using var lease = Lease();
        nint slice;
        try
        {
            // RocksDbSharp's Get copies the value into a new array; the pinned slice lets the caller read it in place.
            fixed (byte* k = key) slice = RocksDbSharp.Native.Instance.rocksdb_get_pinned(lease.Pointer, handle.ReadOptions.Handle, k, (nuint)key.Length);
        }
        catch (RocksDbSharpException e)
        {
            throw new RocksDbException(Path, "get", e.Message, e);
        }
        if (slice == 0)
        {
            result = default!;
            return false;
        }
        try
        {
            var value = RocksDbSharp.Native.Instance.rocksdb_pinnableslice_value(slice, out var length);
            result = read(new ReadOnlySpan<byte>((byte*)value, checked((int)length)), state);
            return true;
        }
        finally
        {
            RocksDbSharp.Native.Instance.rocksdb_pinnableslice_destroy(slice);
        }
    }

    public void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        using var lease = Lease();
        try
        {
            handle.Db.Put(key, value, null, handle.WriteOptions);
        }
        catch (RocksDbSharpException e)
        {
            throw new RocksDbException(Path, "put", e.Message, e);
        }
    }

    /// <summary>Removes the key; removing an absent key is not an error.</summary>
    public void Delete(ReadOnlySpan<byte> key)
    {
        using var lease = Lease();
        try
        {
            handle.Db.Remove(key, null, handle.WriteOptions);
        }
        catch (RocksDbSharpException e)
        {
            throw new RocksDbException(Path, "delete", e.Message, e);
        }
    }

    /// <summary>Applies every operation of the batch atomically. The batch is left as it was.</summary>
    public void Write(WriteBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ObjectDisposedException.ThrowIf(batch.Handle == 0, batch);
        using var lease = Lease();
        try
        {
            handle.Db.Write(batch, handle.WriteOptions);
        }
        catch (RocksDbSharpException e)
        {
            throw new RocksDbException(Path, "write", e.Message, e);
        }
    }

    /// <summary>An iterator over every entry, on the first.</summary>
    public RocksDbIterator NewIterator() => NewIterator([], [], hasUpper: false, upperIsPrefixEnd: false);

    /// <summary>
    /// An iterator over the keys in [<paramref name="from"/>, <paramref name="to"/>), on the first; empty when
    /// <paramref name="to"/> is not after <paramref name="from"/>.
    /// </summary>
    public RocksDbIterator Range(ReadOnlySpan<byte> from, ReadOnlySpan<byte> to) =>
        // RocksDB expects the lower bound not to pass the upper one; [from, from) is the same empty range.
        NewIterator(from, from.SequenceCompareTo(to) < 0 ? to : from, hasUpper: true, upperIsPrefixEnd: false);

    /// <summary>An iterator over the keys starting with <paramref name="prefix"/>, on the first.</summary>
    public RocksDbIterator Prefix(ReadOnlySpan<byte> prefix) =>
        NewIterator(prefix, prefix, hasUpper: true, upperIsPrefixEnd: true);

    /// <summary>RocksDB's estimate of the number of keys; deletes and overwrites not yet compacted make it inexact.</summary>
    public long ApproximateCount() => GetLongProperty(EstimatedKeys);

    /// <summary>Bytes in table files plus memtables.</summary>
    public long ApproximateSizeInBytes() => GetLongProperty(SstFilesSize) + GetLongProperty(MemTablesSize);

    /// <summary>A RocksDB property such as <c>rocksdb.stats</c>, or null if RocksDB does not know the name.</summary>
    public string? GetProperty(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        using var lease = Lease();
        return handle.Db.GetProperty(name);
    }

    /// <summary>
    /// Prepares for a restore: memtables of <see cref="RocksDbOptions.BulkLoadWriteBufferSize"/> and no automatic
    /// compaction (RocksDB then does not stall writes on level-0 file counts either), until <see cref="EndBulkLoad"/>.
    /// </summary>
    public void BeginBulkLoad() =>
        SetOptions("bulk load", ("disable_auto_compactions", "true"), ("write_buffer_size", Options.BulkLoadWriteBufferSize));

    /// <summary>Back to the serving options; compaction resumes in the background.</summary>
    public void EndBulkLoad() =>
        SetOptions("end of bulk load", ("disable_auto_compactions", "false"), ("write_buffer_size", Options.WriteBufferSize));

    /// <summary>Writes the memtables to table files and waits for it.</summary>
    public void Flush()
    {
        using var lease = Lease();
        FlushCore();
    }

    /// <summary>
    /// Flushes (when the WAL is disabled, so a clean close keeps every write) and closes the database. The files stay
    /// open until iterators still open are disposed.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0) return;
        try
        {
            if (!Options.DisableWal) return;
            using var lease = new HandleLease(handle);
            FlushCore();
        }
        finally
        {
            handle.Dispose();
        }
    }

    private static void CreateDirectory(string path)
    {
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RocksDbException(path, "open", e.Message, e);
        }
    }

    private void SetOptions(string operation, params (string Name, object Value)[] options)
    {
        using var lease = Lease();
        try
        {
            handle.Db.SetOptions(options.Select(o => KeyValuePair.Create(o.Name, Convert.ToString(o.Value, CultureInfo.InvariantCulture)!)));
        }
        catch (RocksDbSharpException e)
        {
            throw new RocksDbException(Path, operation, e.Message, e);
        }
    }

    private RocksDbIterator NewIterator(ReadOnlySpan<byte> lower, ReadOnlySpan<byte> upper, bool hasUpper, bool upperIsPrefixEnd)
    {
        ObjectDisposedException.ThrowIf(disposed != 0, this);
        return new RocksDbIterator(handle, Path, lower, upper, hasUpper, upperIsPrefixEnd);
    }

    private long GetLongProperty(string name) =>
        long.Parse(GetProperty(name) ?? throw new RocksDbException(Path, "property read", $"unknown property {name}"), CultureInfo.InvariantCulture);

    private HandleLease Lease()
    {
        ObjectDisposedException.ThrowIf(disposed != 0, this);
        return new HandleLease(handle);
    }

    private void FlushCore()
    {
        try
        {
            handle.Db.Flush(handle.FlushOptions);
        }
        catch (RocksDbSharpException e)
        {
            throw new RocksDbException(Path, "flush", e.Message, e);
        }
    }
}
