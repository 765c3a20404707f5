using System.Globalization;
using OrderStreams.Streams.Internals.State.RocksDb;

namespace OrderStreams.Streams.Tests.State.RocksDb;

public sealed class RocksDbBulkLoadTests : IDisposable
{
    private readonly TempDatabase store = new();

    private RocksDbDatabase Db => store.Db;

    public void Dispose() => store.Dispose();

    [Fact]
    public async Task BeginBulkLoad_FlushesPastTheCompactionTrigger_KeepsLevel0UntilEndBulkLoadCompactsIt()
    {
        Db.BeginBulkLoad();

        // Level 0 compacts at 4 files when compaction is on.
        for (var file = 0; file < 6; file++) FlushFile(file);
        await Task.Delay(500);
        Assert.Equal(6, Level0Files());

        Db.EndBulkLoad();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Level0Files() >= 4 && DateTime.UtcNow < deadline) await Task.Delay(50);

        Assert.InRange(Level0Files(), 0, 3);
        Assert.Equal("v-5-99", Bytes.Text(Db.Get(Bytes.Of("k-5-99"))));
    }

    [Fact]
    public void BulkLoad_AfterDispose_ThrowsObjectDisposed()
    {
        var db = RocksDbDatabase.Open(Path.Combine(Path.GetDirectoryName(Db.Path)!, "other"));
        db.Dispose();

        Assert.Throws<ObjectDisposedException>(db.BeginBulkLoad);
        Assert.Throws<ObjectDisposedException>(db.EndBulkLoad);
    }

    private void FlushFile(int file)
    {
        for (var i = 0; i < 100; i++) Db.Put(Bytes.Of($"k-{file}-{i}"), Bytes.Of($"v-{file}-{i}"));
        Db.Flush();
    }

    private int Level0Files() => int.Parse(Db.GetProperty("rocksdb.num-files-at-level0")!, CultureInfo.InvariantCulture);
}
