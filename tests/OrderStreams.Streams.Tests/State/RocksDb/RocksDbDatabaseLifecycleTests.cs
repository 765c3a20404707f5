using OrderStreams.Streams.Internals.State.RocksDb;
using RocksDbSharp;
using RocksDbException = OrderStreams.Streams.Internals.State.RocksDb.RocksDbException;

namespace OrderStreams.Streams.Tests.State.RocksDb;

public sealed class RocksDbDatabaseLifecycleTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Open_AfterCleanDispose_KeepsEveryWrite(bool disableWal)
    {
        var options = new RocksDbOptions { DisableWal = disableWal };
        var path = directory.Combine("store");
        using (var db = RocksDbDatabase.Open(path, options))
        {
            for (var i = 0; i < 100; i++) db.Put(Bytes.Of($"key-{i}"), Bytes.Of($"value-{i}"));
            db.Delete(Bytes.Of("key-7"));
        }

        using var reopened = RocksDbDatabase.Open(path, options);

        Assert.Equal("value-42", Bytes.Text(reopened.Get(Bytes.Of("key-42"))));
        Assert.Null(reopened.Get(Bytes.Of("key-7")));
    }

    [Fact]
    public void Open_MissingParentDirectories_CreatesThem()
    {
        var path = directory.Combine("state", "app", "0_3", "orders");

        using var db = RocksDbDatabase.Open(path);

        Assert.Equal(path, db.Path);
        Assert.True(File.Exists(Path.Combine(path, "CURRENT")));
    }

    [Theory]
    [InlineData(Compression.No)]
    [InlineData(Compression.Snappy)]
    [InlineData(Compression.Lz4)]
    [InlineData(Compression.Zstd)]
    public void Open_WithCompression_StoresAndReadsBackFlushedData(Compression compression)
    {
        var path = directory.Combine("store");
        using var db = RocksDbDatabase.Open(path, new RocksDbOptions { Compression = compression });

        db.Put(Bytes.Of("k"), new byte[10_000]);
        db.Flush();

        Assert.Equal(new byte[10_000], db.Get(Bytes.Of("k")));
    }

    [Fact]
    public void Open_MissingDatabaseWithoutCreateIfMissing_ThrowsWithPathAndRocksDbMessage()
    {
        var path = directory.Combine("absent");

        var error = Assert.Throws<RocksDbException>(() => RocksDbDatabase.Open(path, new RocksDbOptions { CreateIfMissing = false }));

        Assert.Equal(path, error.Path);
        Assert.Equal("open", error.Operation);
        Assert.Contains("does not exist", error.Reason);
        Assert.Contains(path, error.Message);
        Assert.Contains(error.Reason, error.Message);
    }

    [Fact]
    public void Open_PathInsideAFile_ThrowsRocksDbException()
    {
        var file = directory.Combine("plain-file");
        File.WriteAllText(file, "not a directory");
        var path = Path.Combine(file, "store");

        var error = Assert.Throws<RocksDbException>(() => RocksDbDatabase.Open(path));

        Assert.Equal(path, error.Path);
        Assert.NotEmpty(error.Reason);
    }

    [Fact]
    public void Open_PathAlreadyOpen_ThrowsBecauseOfTheLock()
    {
        var path = directory.Combine("store");
        using var first = RocksDbDatabase.Open(path);

        var error = Assert.Throws<RocksDbException>(() => RocksDbDatabase.Open(path));

        Assert.Contains("lock", error.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Calls_AfterDispose_ThrowObjectDisposed()
    {
        var db = RocksDbDatabase.Open(directory.Combine("store"));
        db.Put(Bytes.Of("k"), Bytes.Of("v"));
        using var batch = new WriteBatch();

        db.Dispose();

        Assert.Throws<ObjectDisposedException>(() => db.Get(Bytes.Of("k")));
        Assert.Throws<ObjectDisposedException>(() => db.Put(Bytes.Of("k"), Bytes.Of("v")));
        Assert.Throws<ObjectDisposedException>(() => db.Delete(Bytes.Of("k")));
        Assert.Throws<ObjectDisposedException>(() => db.Write(batch));
        Assert.Throws<ObjectDisposedException>(() => db.NewIterator());
        Assert.Throws<ObjectDisposedException>(() => db.Prefix(Bytes.Of("k")));
        Assert.Throws<ObjectDisposedException>(db.Flush);
        Assert.Throws<ObjectDisposedException>(() => db.ApproximateCount());
    }

    [Fact]
    public void Dispose_Twice_DoesNothingMore()
    {
        var db = RocksDbDatabase.Open(directory.Combine("store"));

        db.Dispose();
        db.Dispose();
    }

    [Fact]
    public void Dispose_WithIteratorOpen_ClosesOnlyAfterTheIterator()
    {
        var path = directory.Combine("store");
        var db = RocksDbDatabase.Open(path);
        db.Put(Bytes.Of("a"), Bytes.Of("1"));
        db.Put(Bytes.Of("b"), Bytes.Of("2"));
        var iterator = db.NewIterator();

        db.Dispose();

        Assert.Equal("a", Bytes.Text(iterator.Key.ToArray()));
        iterator.Next();
        Assert.Equal("b", Bytes.Text(iterator.Key.ToArray()));
        Assert.Throws<RocksDbException>(() => RocksDbDatabase.Open(path));
        iterator.Dispose();
        using var reopened = RocksDbDatabase.Open(path);
        Assert.Equal("2", Bytes.Text(reopened.Get(Bytes.Of("b"))));
    }

    [Fact]
    public void Destroy_ClosedDatabase_RemovesItsData()
    {
        var path = directory.Combine("store");
        using (var db = RocksDbDatabase.Open(path)) db.Put(Bytes.Of("k"), Bytes.Of("v"));

        RocksDbDatabase.Destroy(path);

        using var reopened = RocksDbDatabase.Open(path);
        Assert.Null(reopened.Get(Bytes.Of("k")));
    }

    [Fact]
    public void Destroy_OpenDatabase_ThrowsAndKeepsTheData()
    {
        var path = directory.Combine("store");
        using var db = RocksDbDatabase.Open(path);
        db.Put(Bytes.Of("k"), Bytes.Of("v"));

        var error = Assert.Throws<RocksDbException>(() => RocksDbDatabase.Destroy(path));

        Assert.Equal("destroy", error.Operation);
        Assert.Equal("v", Bytes.Text(db.Get(Bytes.Of("k"))));
    }

    [Fact]
    public void Open_PathWithNonAsciiCharacters_CreatesTheDatabaseThere()
    {
        var path = directory.Combine("şube-東京", "store");

        using (var db = RocksDbDatabase.Open(path)) db.Put(Bytes.Of("k"), Bytes.Of("v"));

        Assert.True(File.Exists(Path.Combine(path, "CURRENT")));
    }

    [Fact]
    public void Destroy_NoDatabase_DoesNothing()
    {
        RocksDbDatabase.Destroy(directory.Combine("never-created"));
    }
}
