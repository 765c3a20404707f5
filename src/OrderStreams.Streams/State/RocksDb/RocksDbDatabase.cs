using System.Globalization;
using System.Runtime.InteropServices;
using OrderStreams.Native;

namespace OrderStreams.Streams.State.RocksDb;

/// <summary>
/// One RocksDB database with byte keys in bytewise order. Safe for concurrent use by many threads; every call after
/// <see cref="Dispose"/> throws <see cref="ObjectDisposedException"/>, and calls already running finish first.
/// </summary>
public sealed unsafe class RocksDbDatabase : IDisposable
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
    /// <exception cref="MissingNativeLibraryException">RocksDB is not installed.</exception>
    public static RocksDbDatabase Open(string path, RocksDbOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= RocksDbOptions.Default;
        NativeLibraries.EnsureRocksDb();
        var fullPath = System.IO.Path.GetFullPath(path);
        if (options.CreateIfMissing) CreateDirectory(fullPath);

        var nativeOptions = CreateNativeOptions(options);
        try
        {
            nint error = 0;
            var db = RocksDbNative.Open(nativeOptions, fullPath, ref error);
            RocksDbErrors.ThrowIfSet(error, fullPath, "open");
            return new RocksDbDatabase(fullPath, options, new RocksDbDatabaseHandle(db, options.DisableWal));
        }
        finally
        {
            RocksDbNative.OptionsDestroy(nativeOptions);
        }
    }

    /// <summary>Deletes the database in <paramref name="path"/>, which must not be open. Does nothing if there is none.</summary>
    /// <exception cref="RocksDbException">RocksDB cannot delete it.</exception>
    public static void Destroy(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        NativeLibraries.EnsureRocksDb();
        var fullPath = System.IO.Path.GetFullPath(path);
        var nativeOptions = RocksDbNative.OptionsCreate();
        try
        {
            nint error = 0;
            RocksDbNative.DestroyDb(nativeOptions, fullPath, ref error);
            RocksDbErrors.ThrowIfSet(error, fullPath, "destroy");
        }
        finally
        {
            RocksDbNative.OptionsDestroy(nativeOptions);
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
        nint error = 0;
        nint slice;
        fixed (byte* k = key) slice = RocksDbNative.GetPinned(lease.Pointer, handle.ReadOptions, k, (nuint)key.Length, ref error);
        RocksDbErrors.ThrowIfSet(error, Path, "get");
        if (slice == 0)
        {
            result = default!;
            return false;
        }
        try
        {
            var value = RocksDbNative.PinnableSliceValue(slice, out var length);
            result = read(new ReadOnlySpan<byte>(value, checked((int)length)), state);
            return true;
        }
        finally
        {
            RocksDbNative.PinnableSliceDestroy(slice);
        }
    }

    public void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        using var lease = Lease();
        nint error = 0;
        fixed (byte* k = key)
        fixed (byte* v = value)
        {
            RocksDbNative.Put(lease.Pointer, handle.WriteOptions, k, (nuint)key.Length, v, (nuint)value.Length, ref error);
        }
        RocksDbErrors.ThrowIfSet(error, Path, "put");
    }

    /// <summary>Removes the key; removing an absent key is not an error.</summary>
    public void Delete(ReadOnlySpan<byte> key)
    {
        using var lease = Lease();
        nint error = 0;
        fixed (byte* k = key) RocksDbNative.Delete(lease.Pointer, handle.WriteOptions, k, (nuint)key.Length, ref error);
        RocksDbErrors.ThrowIfSet(error, Path, "delete");
    }

    /// <summary>Applies every operation of the batch atomically. The batch is left as it was.</summary>
    public void Write(RocksDbWriteBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var lease = Lease();
        using var batchLease = batch.Lease();
        nint error = 0;
        RocksDbNative.Write(lease.Pointer, handle.WriteOptions, batchLease.Pointer, ref error);
        RocksDbErrors.ThrowIfSet(error, Path, "write");
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
        var value = RocksDbNative.PropertyValue(lease.Pointer, name);
        if (value == 0) return null;
        try
        {
            return Marshal.PtrToStringUTF8(value);
        }
        finally
        {
            RocksDbNative.Free(value);
        }
    }

    /// <summary>Writes the memtables to table files and waits for it.</summary>
    public void Flush()
    {
        using var lease = Lease();
        FlushCore(lease.Pointer);
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
            FlushCore(lease.Pointer);
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

    private static nint CreateNativeOptions(RocksDbOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.WriteBufferSize, nameof(options.WriteBufferSize));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Parallelism, nameof(options.Parallelism));
        using var ownCache = options.BlockCache is null ? new RocksDbBlockCache(options.BlockCacheSize) : null;
        using var cache = (options.BlockCache ?? ownCache!).Lease();
        var nativeOptions = RocksDbNative.OptionsCreate();
        RocksDbNative.OptionsSetCreateIfMissing(nativeOptions, options.CreateIfMissing ? (byte)1 : (byte)0);
        RocksDbNative.OptionsIncreaseParallelism(nativeOptions, options.Parallelism);
        RocksDbNative.OptionsSetWriteBufferSize(nativeOptions, checked((nuint)options.WriteBufferSize));
        RocksDbNative.OptionsSetMaxOpenFiles(nativeOptions, options.MaxOpenFiles);
        RocksDbNative.OptionsSetCompression(nativeOptions, (int)options.Compression);

        var tableOptions = RocksDbNative.BlockBasedOptionsCreate();
        RocksDbNative.BlockBasedOptionsSetBlockCache(tableOptions, cache.Pointer);
        if (options.BloomFilterBitsPerKey > 0)
        {
            RocksDbNative.BlockBasedOptionsSetFilterPolicy(tableOptions, RocksDbNative.FilterPolicyCreateBloom(options.BloomFilterBitsPerKey));
        }
        RocksDbNative.OptionsSetBlockBasedTableFactory(nativeOptions, tableOptions);
        RocksDbNative.BlockBasedOptionsDestroy(tableOptions);
        return nativeOptions;
    }

    private RocksDbIterator NewIterator(ReadOnlySpan<byte> lower, ReadOnlySpan<byte> upper, bool hasUpper, bool upperIsPrefixEnd)
    {
        ObjectDisposedException.ThrowIf(disposed != 0, this);
        return new RocksDbIterator(new RocksDbIteratorHandle(handle, lower, upper, hasUpper, upperIsPrefixEnd), Path);
    }

    private long GetLongProperty(string name) =>
        long.Parse(GetProperty(name) ?? throw new RocksDbException(Path, "property read", $"unknown property {name}"), CultureInfo.InvariantCulture);

    private HandleLease Lease()
    {
        ObjectDisposedException.ThrowIf(disposed != 0, this);
        return new HandleLease(handle);
    }

    private void FlushCore(nint db)
    {
        nint error = 0;
        RocksDbNative.Flush(db, handle.FlushOptions, ref error);
        RocksDbErrors.ThrowIfSet(error, Path, "flush");
    }
}
