using OrderStreams.Native;

namespace OrderStreams.Streams.State.RocksDb;

/// <summary>
/// An LRU block cache that several databases share through <see cref="RocksDbOptions.BlockCache"/>, so the memory of
/// all of a process's stores has one bound. Disposing it is safe while databases still use it: they hold their own
/// references.
/// </summary>
public sealed class RocksDbBlockCache : IDisposable
{
    private readonly RocksDbCacheHandle handle;

    /// <exception cref="MissingNativeLibraryException">RocksDB is not installed.</exception>
    public RocksDbBlockCache(long capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        NativeLibraries.EnsureRocksDb();
        Capacity = capacity;
        handle = new RocksDbCacheHandle(checked((nuint)capacity));
    }

    public long Capacity { get; }

    /// <summary>Bytes the cache holds now.</summary>
    public long Usage
    {
        get
        {
            using var lease = new HandleLease(handle);
            return (long)RocksDbNative.CacheGetUsage(lease.Pointer);
        }
    }

    public void Dispose() => handle.Dispose();

    internal HandleLease Lease() => new(handle);
}
