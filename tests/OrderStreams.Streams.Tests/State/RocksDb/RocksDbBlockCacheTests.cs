using OrderStreams.Streams.Internals.State.RocksDb;
using RocksDbSharp;

namespace OrderStreams.Streams.Tests.State.RocksDb;

public sealed class RocksDbBlockCacheTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Usage_AfterReadsOfFlushedDataFromTwoDatabases_GrowsInTheSharedCache()
    {
        const ulong capacity = 8 * 1024 * 1024;
        var cache = Cache.CreateLru(capacity);
        var options = new RocksDbOptions { BlockCache = cache };
        using var first = RocksDbDatabase.Open(directory.Combine("first"), options);
        using var second = RocksDbDatabase.Open(directory.Combine("second"), options);
        FillAndFlush(first);
        FillAndFlush(second);
        var before = cache.GetUsage();

        ReadAll(first);
        var afterFirst = cache.GetUsage();
        ReadAll(second);

        Assert.True(afterFirst > before, $"usage {before} -> {afterFirst}");
        Assert.True(cache.GetUsage() > afterFirst, $"usage {afterFirst} -> {cache.GetUsage()}");
        Assert.True(cache.GetUsage() <= capacity);
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
