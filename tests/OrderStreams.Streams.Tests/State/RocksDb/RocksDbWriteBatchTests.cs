using OrderStreams.Streams.Internals.State.RocksDb;
using RocksDbSharp;

namespace OrderStreams.Streams.Tests.State.RocksDb;

public sealed class RocksDbWriteBatchTests : IDisposable
{
    private readonly TempDatabase store = new();

    private RocksDbDatabase Db => store.Db;

    public void Dispose() => store.Dispose();

    [Fact]
    public void Write_PutsAndDeletes_AppliesThemInOrder()
    {
        Db.Put(Bytes.Of("old"), Bytes.Of("x"));
        using var batch = new WriteBatch();
        batch.Put(Bytes.Of("a"), Bytes.Of("1"));
        batch.Put(Bytes.Of("b"), Bytes.Of("2"));
        batch.Delete(Bytes.Of("old"));
        batch.Put(Bytes.Of("a"), Bytes.Of("3"));
        batch.Delete(Bytes.Of("b"));

        Db.Write(batch);

        Assert.Equal("3", Bytes.Text(Db.Get(Bytes.Of("a"))));
        Assert.Null(Db.Get(Bytes.Of("b")));
        Assert.Null(Db.Get(Bytes.Of("old")));
    }

    [Fact]
    public void Put_BeforeWrite_IsNotVisible()
    {
        using var batch = new WriteBatch();

        batch.Put(Bytes.Of("a"), Bytes.Of("1"));

        Assert.Null(Db.Get(Bytes.Of("a")));
    }

    [Fact]
    public void Count_AfterOperationsAndClear_CountsOperations()
    {
        using var batch = new WriteBatch();
        batch.Put(Bytes.Of("a"), Bytes.Of("1"));
        batch.Delete(Bytes.Of("b"));
        Assert.Equal(2, batch.Count());

        batch.Clear();
        Db.Write(batch);

        Assert.Equal(0, batch.Count());
        Assert.Null(Db.Get(Bytes.Of("a")));
    }

    [Fact]
    public async Task Write_WhileIteratorsRead_IsSeenWholeOrNotAtAll()
    {
        // Each batch sets both keys to the same round number; an iterator reads a consistent snapshot, so it must
        // never see the two keys with different rounds.
        Db.Put(Bytes.Of("left"), BitConverter.GetBytes(0));
        Db.Put(Bytes.Of("right"), BitConverter.GetBytes(0));
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            using var batch = new WriteBatch();
            for (var round = 1; !stop.IsCancellationRequested; round++)
            {
                batch.Clear();
                batch.Put(Bytes.Of("left"), BitConverter.GetBytes(round));
                batch.Put(Bytes.Of("right"), BitConverter.GetBytes(round));
                Db.Write(batch);
            }
        });

        var torn = 0;
        for (var n = 0; n < 20_000; n++)
        {
            using var iterator = Db.NewIterator();
            var left = BitConverter.ToInt32(iterator.Value);
            iterator.Next();
            var right = BitConverter.ToInt32(iterator.Value);
            if (left != right) torn++;
        }
        stop.Cancel();
        await writer;

        Assert.Equal(0, torn);
    }

    [Fact]
    public void Write_DisposedBatch_ThrowsObjectDisposed()
    {
        var batch = new WriteBatch();

        batch.Dispose();

        Assert.Throws<ObjectDisposedException>(() => Db.Write(batch));
    }
}
