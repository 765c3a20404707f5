using OrderStreams.Streams.Internals.State.RocksDb;

namespace OrderStreams.Streams.Tests.State.RocksDb;

public sealed class RocksDbDatabaseTests : IDisposable
{
    private readonly TempDatabase store = new();

    private RocksDbDatabase Db => store.Db;

    public void Dispose() => store.Dispose();

    [Fact]
    public void Get_AfterPut_ReturnsValue()
    {
        Db.Put(Bytes.Of("order-1"), Bytes.Of("placed"));

        Assert.Equal("placed", Bytes.Text(Db.Get(Bytes.Of("order-1"))));
    }

    [Fact]
    public void Put_ExistingKey_Overwrites()
    {
        Db.Put(Bytes.Of("order-1"), Bytes.Of("placed"));
        Db.Put(Bytes.Of("order-1"), Bytes.Of("paid"));

        Assert.Equal("paid", Bytes.Text(Db.Get(Bytes.Of("order-1"))));
    }

    [Fact]
    public void Get_MissingKey_ReturnsNull()
    {
        Db.Put(Bytes.Of("order-1"), Bytes.Of("placed"));

        Assert.Null(Db.Get(Bytes.Of("order-2")));
    }

    [Fact]
    public void Get_EmptyValue_ReturnsEmptyArray()
    {
        Db.Put(Bytes.Of("tombstone-like"), []);

        var value = Db.Get(Bytes.Of("tombstone-like"));
        Assert.NotNull(value);
        Assert.Empty(value);
    }

    [Fact]
    public void Get_EmptyKey_IsAnOrdinaryKey()
    {
        Db.Put([], Bytes.Of("empty"));

        Assert.Equal("empty", Bytes.Text(Db.Get([])));
    }

    [Fact]
    public void Delete_ExistingKey_RemovesIt()
    {
        Db.Put(Bytes.Of("order-1"), Bytes.Of("placed"));

        Db.Delete(Bytes.Of("order-1"));

        Assert.Null(Db.Get(Bytes.Of("order-1")));
    }

    [Fact]
    public void Delete_MissingKey_DoesNothing()
    {
        Db.Delete(Bytes.Of("never-written"));

        Assert.Null(Db.Get(Bytes.Of("never-written")));
    }

    [Fact]
    public void TryGet_PresentKey_HandsTheValueToTheReader()
    {
        Db.Put(Bytes.Of("k"), [1, 2, 3, 4]);

        var found = Db.TryGet(Bytes.Of("k"), 10, static (value, offset) => value.Length + offset, out var result);

        Assert.True(found);
        Assert.Equal(14, result);
    }

    [Fact]
    public void TryGet_MissingKey_ReturnsFalseWithoutCallingTheReader()
    {
        var found = Db.TryGet(Bytes.Of("k"), 0, static (_, _) => throw new InvalidOperationException("called"), out int _);

        Assert.False(found);
    }

    [Fact]
    public void Put_LargeValue_RoundTrips()
    {
        var value = new byte[4 * 1024 * 1024];
        new Random(7).NextBytes(value);

        Db.Put(Bytes.Of("big"), value);

        Assert.Equal(value, Db.Get(Bytes.Of("big")));
    }

    [Fact]
    public void ApproximateCount_AfterDistinctPuts_IsCloseToTheCount()
    {
        for (var i = 0; i < 1000; i++) Db.Put(Bytes.Of($"key-{i:D4}"), Bytes.Of("v"));
        var beforeFlush = Db.ApproximateCount();
        Db.Flush();

        Assert.InRange(beforeFlush, 900, 1100);
        Assert.InRange(Db.ApproximateCount(), 900, 1100);
    }

    [Fact]
    public void Flush_WithUnflushedWrites_MovesThemIntoTableFiles()
    {
        for (var i = 0; i < 100; i++) Db.Put(Bytes.Of($"key-{i}"), new byte[200]);
        Assert.Equal("0", Db.GetProperty("rocksdb.total-sst-files-size"));

        Db.Flush();

        Assert.True(long.Parse(Db.GetProperty("rocksdb.total-sst-files-size")!) > 0);
        Assert.True(Db.ApproximateSizeInBytes() > 0);
        Assert.Equal(new byte[200], Db.Get(Bytes.Of("key-1")));
    }

    [Fact]
    public void GetProperty_UnknownName_ReturnsNull()
    {
        Assert.Null(Db.GetProperty("rocksdb.no-such-property"));
    }

    [Fact]
    public async Task Get_FromManyThreadsWhileWriting_AlwaysSeesACompleteValue()
    {
        const int keys = 500;
        for (var i = 0; i < keys; i++) Db.Put(Bytes.Of($"key-{i}"), Bytes.Of($"value-{i}-0"));
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            for (var round = 1; !stop.IsCancellationRequested; round++)
            {
                for (var i = 0; i < keys; i++) Db.Put(Bytes.Of($"key-{i}"), Bytes.Of($"value-{i}-{round}"));
            }
        });

        var failures = 0;
        Parallel.For(0, 4, reader =>
        {
            var random = new Random(reader);
            for (var n = 0; n < 20_000; n++)
            {
                var i = random.Next(keys);
                var value = Bytes.Text(Db.Get(Bytes.Of($"key-{i}")));
                if (!value.StartsWith($"value-{i}-", StringComparison.Ordinal)) Interlocked.Increment(ref failures);
            }
        });
        stop.Cancel();
        await writer;

        Assert.Equal(0, failures);
    }
}
