using OrderStreams.Streams.State.RocksDb;

namespace OrderStreams.Streams.Tests.State.RocksDb;

public sealed class RocksDbBlockCacheTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Usage_AfterReadsOfFlushedDataFromTwoDatabases_GrowsInTheSharedCache()
    {
        using var cache = new RocksDbBlockCache(8 * 1024 * 1024);
        var options = new RocksDbOptions { BlockCache = cache };
        using var first = RocksDbDatabase.Open(directory.Combine("first"), options);
        using var second = RocksDbDatabase.Open(directory.Combine("second"), options);
        FillAndFlush(first);
        FillAndFlush(second);
        var before = cache.Usage;

        ReadAll(first);
        var afterFirst = cache.Usage;
        ReadAll(second);

        Assert.True(afterFirst > before, $"usage {before} -> {afterFirst}");
        Assert.True(cache.Usage > afterFirst, $"usage {afterFirst} -> {cache.Usage}");
        Assert.True(cache.Usage <= cache.Capacity);
    }

    [Fact]
    public void Dispose_WhileADatabaseUsesIt_LeavesTheDatabaseWorking()
    {
        var cache = new RocksDbBlockCache(1024 * 1024);
        using var db = RocksDbDatabase.Open(directory.Combine("store"), new RocksDbOptions { BlockCache = cache });

        cache.Dispose();
        FillAndFlush(db);

        Assert.Equal(new byte[100], db.Get(Bytes.Of("key-0050")));
        Assert.Throws<ObjectDisposedException>(() => cache.Usage);
    }

    [Fact]
    public void Open_WithDisposedCache_ThrowsObjectDisposed()
    {
        var cache = new RocksDbBlockCache(1024 * 1024);
        cache.Dispose();

        Assert.Throws<ObjectDisposedException>(() => RocksDbDatabase.Open(directory.Combine("store"), new RocksDbOptions { BlockCache = cache }));
    }

    private static void FillAndFlush(RocksDbDatabase db)
    {
        for (var i = 0; i < 1000; i++) db.Put(Bytes.Of($"key-{i:D4}"), new byte[100]);
        db.Flush();
    }

    private static void ReadAll(RocksDbDatabase db)
    {
        for (var i = 0; i < 1000; i++) Assert.NotNull(db.Get(Bytes.Of($"key-{i:D4}")));
    }
}
