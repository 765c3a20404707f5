using System.Runtime.InteropServices;
using OrderStreams.Native;

namespace OrderStreams.Streams.State.RocksDb;

internal sealed class RocksDbCacheHandle : SafeHandle
{
    public RocksDbCacheHandle(nuint capacity) : base(0, ownsHandle: true) => SetHandle(RocksDbNative.CacheCreateLru(capacity));

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        RocksDbNative.CacheDestroy(handle);
        return true;
    }
}
