using System.Runtime.InteropServices;
using OrderStreams.Native;

namespace OrderStreams.Streams.State.RocksDb;

/// <summary>An open <c>rocksdb_t</c> with the read, write and flush options every call on it uses.</summary>
internal sealed class RocksDbDatabaseHandle : SafeHandle
{
    public RocksDbDatabaseHandle(nint db, bool disableWal) : base(0, ownsHandle: true)
    {
        SetHandle(db);
        WriteOptions = RocksDbNative.WriteOptionsCreate();
        RocksDbNative.WriteOptionsDisableWal(WriteOptions, disableWal ? 1 : 0);
        ReadOptions = RocksDbNative.ReadOptionsCreate();
        FlushOptions = RocksDbNative.FlushOptionsCreate();
        RocksDbNative.FlushOptionsSetWait(FlushOptions, 1);
    }

    public nint WriteOptions { get; }

    public nint ReadOptions { get; }

    public nint FlushOptions { get; }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        RocksDbNative.Close(handle);
        RocksDbNative.WriteOptionsDestroy(WriteOptions);
        RocksDbNative.ReadOptionsDestroy(ReadOptions);
        RocksDbNative.FlushOptionsDestroy(FlushOptions);
        return true;
    }
}
