using Microsoft.Extensions.Logging;
using OrderStreams.Streams.Internals.State;
using OrderStreams.Streams.Internals.State.RocksDb;

namespace OrderStreams.Streams.Tests.State.RocksDb;

public sealed class RocksDbBytesStoreTests : IDisposable
{
    private readonly TempDirectory directory = new();
    private readonly RecordingLoggerFactory log = new();

    public void Dispose() => directory.Dispose();

    private string StorePath => directory.Combine("task", "store");

    /// <summary>What the store logged, without the settings' line naming the native library.</summary>
    private List<(LogLevel Level, string Message)> StoreEntries => log.Entries.Where(e => e.Message.StartsWith("Store store ", StringComparison.Ordinal)).ToList();

    [Fact]
    public void Open_NewDirectory_WritesTheCurrentMark()
    {
        using var store = Open();

        Assert.Equal(RocksDbStoreFormat.CurrentMark, RocksDbStoreFormat.Read(StorePath));
        Assert.False(store.WipedOnOpen);
        Assert.Empty(StoreEntries);
    }

    [Fact]
    public void Open_StoreWrittenByRocksDb78WithoutMark_KeepsItsContentAndMarksIt()
    {
        // Written by RocksDB 7.8.3 with the old build's options (LZ4, bloom filter, WAL off): Data/write-old-store.py.
        CopyDirectory(Path.Combine(AppContext.BaseDirectory, "State", "RocksDb", "Data", "rocksdb-7.8.3-store"), StorePath);

        using var store = Open();

        Assert.False(store.WipedOnOpen);
        Assert.Equal("value-1", Bytes.Text(store.Get(Bytes.Of("key-0001"))));
        Assert.Equal("updated-100", Bytes.Text(store.Get(Bytes.Of("key-0100"))));
        Assert.Null(store.Get(Bytes.Of("key-0505")));
        // 1000 keys, 10 deleted, one of them (key-0500) put again.
        Assert.Equal(991, store.Range(null, null).Count());
        Assert.Equal(RocksDbStoreFormat.CurrentMark, RocksDbStoreFormat.Read(StorePath));
        var (level, message) = Assert.Single(StoreEntries);
        Assert.Equal(LogLevel.Information, level);
        Assert.Contains("has no format mark", message);
    }

    [Theory]
    [InlineData("orderstreams-rocksdb-store 0")]
    [InlineData("orderstreams-rocksdb-store 2")]
    [InlineData("another-engine 1")]
    public void Open_ForeignMark_DeletesTheContentSaysWhyAndMarksIt(string foreign)
    {
        using (var first = Open()) first.Put(Bytes.Of("k"), Bytes.Of("v"));
        File.WriteAllText(Path.Combine(StorePath, RocksDbStoreFormat.FileName), foreign + "\n");

        using var store = Open();

        Assert.True(store.WipedOnOpen);
        Assert.Null(store.Get(Bytes.Of("k")));
        Assert.Equal(RocksDbStoreFormat.CurrentMark, RocksDbStoreFormat.Read(StorePath));
        var (level, message) = Assert.Single(StoreEntries);
        Assert.Equal(LogLevel.Warning, level);
        Assert.Contains($"has the format mark '{foreign}', this build writes '{RocksDbStoreFormat.CurrentMark}'", message);
        Assert.Contains("restored from its changelog", message);
    }

    [Fact]
    public void Open_CurrentMark_KeepsTheContentSilently()
    {
        using (var first = Open()) first.Put(Bytes.Of("k"), Bytes.Of("v"));

        using var store = Open();

        Assert.False(store.WipedOnOpen);
        Assert.Equal("v", Bytes.Text(store.Get(Bytes.Of("k"))));
        Assert.Empty(StoreEntries);
    }

    [Fact]
    public void Wipe_StoreWithContent_EmptiesItAndKeepsTheMark()
    {
        using var store = Open();
        store.Put(Bytes.Of("k"), Bytes.Of("v"));

        store.Wipe();

        Assert.Empty(store.Range(null, null));
        Assert.Equal(RocksDbStoreFormat.CurrentMark, RocksDbStoreFormat.Read(StorePath));
    }

    [Fact]
    public void WriteBatch_SpansOfReleasedBuffers_KeepsItsOwnCopies()
    {
        using var store = Open();
        using var batch = store.CreateWriteBatch();
        var key = Bytes.Of("k");
        var value = Bytes.Of("v1");
        batch.Put(key, value);
        batch.Delete(Bytes.Of("absent"));
        value[1] = (byte)'2';

        store.Write(batch);

        Assert.Equal(2, batch.Count);
        Assert.Equal("v1", Bytes.Text(store.Get(key)));
    }

    [Fact]
    public void WriteBatch_AfterDispose_ThrowsObjectDisposed()
    {
        using var store = Open();
        var batch = store.CreateWriteBatch();

        batch.Dispose();

        Assert.Throws<ObjectDisposedException>(() => batch.Put(Bytes.Of("k"), Bytes.Of("v")));
        Assert.Throws<ObjectDisposedException>(() => store.Write(batch));
    }

    private RocksDbBytesStore Open()
    {
        var store = new RocksDbBytesStore("store");
        var settings = new RocksDbStoreSettings(1024 * 1024, log.CreateLogger("test"));
        store.Open(new StoreContext(StorePath, "app-store-changelog", 0, null, () => 0, () => 0, RocksDb: settings));
        return store;
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }
}
