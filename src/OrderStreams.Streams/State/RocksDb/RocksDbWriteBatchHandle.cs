using System.Runtime.InteropServices;
using OrderStreams.Native;

namespace OrderStreams.Streams.State.RocksDb;

internal sealed class RocksDbWriteBatchHandle : SafeHandle
{
    public RocksDbWriteBatchHandle() : base(0, ownsHandle: true) => SetHandle(RocksDbNative.WriteBatchCreate());

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        RocksDbNative.WriteBatchDestroy(handle);
        return true;
    }
}
