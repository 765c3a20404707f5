using OrderStreams.Native;

namespace OrderStreams.Streams.State.RocksDb;

/// <summary>Puts and deletes applied atomically by <see cref="RocksDbDatabase.Write"/>, in order. Not thread-safe.</summary>
public sealed unsafe class RocksDbWriteBatch : IDisposable
{
    private readonly RocksDbWriteBatchHandle handle;

    /// <exception cref="MissingNativeLibraryException">RocksDB is not installed.</exception>
    public RocksDbWriteBatch()
    {
        NativeLibraries.EnsureRocksDb();
        handle = new RocksDbWriteBatchHandle();
    }

    /// <summary>Operations in the batch.</summary>
    public int Count
    {
        get
        {
            using var lease = new HandleLease(handle);
            return RocksDbNative.WriteBatchCount(lease.Pointer);
        }
    }

    public void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        using var lease = new HandleLease(handle);
        fixed (byte* k = key)
        fixed (byte* v = value)
        {
            RocksDbNative.WriteBatchPut(lease.Pointer, k, (nuint)key.Length, v, (nuint)value.Length);
        }
    }

    public void Delete(ReadOnlySpan<byte> key)
    {
        using var lease = new HandleLease(handle);
        fixed (byte* k = key) RocksDbNative.WriteBatchDelete(lease.Pointer, k, (nuint)key.Length);
    }

    public void Clear()
    {
        using var lease = new HandleLease(handle);
        RocksDbNative.WriteBatchClear(lease.Pointer);
    }

    public void Dispose() => handle.Dispose();

    internal HandleLease Lease() => new(handle);
}
