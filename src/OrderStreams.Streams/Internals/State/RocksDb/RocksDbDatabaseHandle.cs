using System.Runtime.InteropServices;
using RocksDbSharp;

namespace OrderStreams.Streams.Internals.State.RocksDb;

/// <summary>
/// An open database with the read, write and flush options every call on it uses. RocksDbSharp closes a database on
/// <see cref="RocksDbSharp.RocksDb.Dispose"/> even while iterators still read it; as a handle with a reference count,
/// iterators keep it open until the last of them is disposed.
/// </summary>
internal sealed class RocksDbDatabaseHandle : SafeHandle
{
    public RocksDbDatabaseHandle(RocksDbSharp.RocksDb db, bool disableWal) : base(0, ownsHandle: true)
    {
        Db = db;
        SetHandle(db.Handle);
        WriteOptions = new WriteOptions().DisableWal(disableWal ? 1 : 0);
    }

    public RocksDbSharp.RocksDb Db { get; }

    public WriteOptions WriteOptions { get; }

    public ReadOptions ReadOptions { get; } = new();

    public FlushOptions FlushOptions { get; } = new FlushOptions().SetWaitForFlush(true);

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        Db.Dispose();
        return true;
    }
}
