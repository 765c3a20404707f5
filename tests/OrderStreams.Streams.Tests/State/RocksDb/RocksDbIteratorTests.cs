using OrderStreams.Streams.Internals.State.RocksDb;

namespace OrderStreams.Streams.Tests.State.RocksDb;

public sealed class RocksDbIteratorTests : IDisposable
{
    private readonly TempDatabase store = new();

    private RocksDbDatabase Db => store.Db;

    public void Dispose() => store.Dispose();

    [Fact]
    public void NewIterator_KeysWrittenInAnyOrder_YieldsThemInBytewiseOrder()
    {
        byte[][] sorted = [[], [0x00], [0x00, 0x00], [0x01], [0x01, 0x00], [0x7F], [0x80], [0xFF], [0xFF, 0xFF]];
        foreach (var key in sorted.Reverse()) Db.Put(key, [key.Length > 0 ? key[0] : (byte)0]);

        using var iterator = Db.NewIterator();

        Assert.Equal(sorted, iterator.CopyRemaining().Select(entry => entry.Key));
    }

    [Fact]
    public void NewIterator_EmptyDatabase_IsNotValid()
    {
        using var iterator = Db.NewIterator();

        Assert.False(iterator.Valid);
        Assert.Empty(iterator.CopyRemaining());
    }

    [Fact]
    public void Key_WhenNotPositioned_Throws()
    {
        using var iterator = Db.NewIterator();

        Assert.Throws<InvalidOperationException>(() => iterator.Key.Length);
        Assert.Throws<InvalidOperationException>(() => iterator.Value.Length);
        Assert.Throws<InvalidOperationException>(iterator.Next);
        Assert.Throws<InvalidOperationException>(iterator.Prev);
    }

    [Fact]
    public void Range_FromTo_IncludesFromAndExcludesTo()
    {
        PutAll("a", "b", "c", "d", "e");

        using var iterator = Db.Range(Bytes.Of("b"), Bytes.Of("d"));

        Assert.Equal(["b", "c"], Keys(iterator));
    }

    [Fact]
    public void Range_BoundsBetweenKeys_YieldsTheKeysInside()
    {
        PutAll("a", "b2", "c", "d");

        using var iterator = Db.Range(Bytes.Of("b"), Bytes.Of("c1"));

        Assert.Equal(["b2", "c"], Keys(iterator));
    }

    [Theory]
    [InlineData("c", "c")]
    [InlineData("d", "b")]
    public void Range_FromNotBeforeTo_IsEmpty(string from, string to)
    {
        PutAll("a", "b", "c", "d", "e");

        using var iterator = Db.Range(Bytes.Of(from), Bytes.Of(to));

        Assert.Empty(Keys(iterator));
        iterator.SeekToLast();
        Assert.False(iterator.Valid);
    }

    [Fact]
    public void Range_SeekToLastThenPrev_WalksBackwardsWithinTheBounds()
    {
        PutAll("a", "b", "c", "d", "e");
        using var iterator = Db.Range(Bytes.Of("b"), Bytes.Of("e"));

        iterator.SeekToLast();
        var keys = new List<string>();
        for (; iterator.Valid; iterator.Prev()) keys.Add(Bytes.Text(iterator.Key.ToArray()));

        Assert.Equal(["d", "c", "b"], keys);
    }

    [Fact]
    public void Prefix_YieldsOnlyKeysStartingWithIt()
    {
        PutAll("order", "order:1", "order:2", "order;", "orders", "ord", "payment:1");

        using var iterator = Db.Prefix(Bytes.Of("order:"));

        Assert.Equal(["order:1", "order:2"], Keys(iterator));
    }

    [Fact]
    public void Prefix_EndingInFF_StillFindsItsKeysAndStopsAfterThem()
    {
        byte[][] keys = [[0x01, 0xFE, 0xFF], [0x01, 0xFF], [0x01, 0xFF, 0x00], [0x01, 0xFF, 0xFF, 0xFF], [0x02], [0x02, 0x00]];
        foreach (var key in keys) Db.Put(key, [1]);

        using var iterator = Db.Prefix([0x01, 0xFF]);

        Assert.Equal(keys[1..4], iterator.CopyRemaining().Select(entry => entry.Key));
    }

    [Fact]
    public void Prefix_AllFF_ReachesTheEndOfTheKeySpace()
    {
        byte[][] keys = [[0xFE], [0xFF], [0xFF, 0x00], [0xFF, 0xFF]];
        foreach (var key in keys) Db.Put(key, [1]);

        using var iterator = Db.Prefix([0xFF]);

        Assert.Equal(keys[1..], iterator.CopyRemaining().Select(entry => entry.Key));
    }

    [Fact]
    public void Prefix_Empty_YieldsEverything()
    {
        PutAll("a", "b");

        using var iterator = Db.Prefix([]);

        Assert.Equal(["a", "b"], Keys(iterator));
    }

    [Fact]
    public void SeekAndSeekForPrev_BetweenKeys_LandOnTheNeighbours()
    {
        PutAll("a", "c", "e");
        using var iterator = Db.NewIterator();

        iterator.Seek(Bytes.Of("b"));
        Assert.Equal("c", Bytes.Text(iterator.Key.ToArray()));
        iterator.SeekForPrev(Bytes.Of("d"));
        Assert.Equal("c", Bytes.Text(iterator.Key.ToArray()));
        iterator.Seek(Bytes.Of("f"));
        Assert.False(iterator.Valid);
    }

    [Fact]
    public void Value_OnAnEntry_IsThatEntrysValue()
    {
        Db.Put(Bytes.Of("k1"), Bytes.Of("v1"));
        Db.Put(Bytes.Of("k2"), Bytes.Of("v2"));

        using var iterator = Db.NewIterator();

        Assert.Equal([("k1", "v1"), ("k2", "v2")], iterator.CopyRemaining().Select(e => (Bytes.Text(e.Key), Bytes.Text(e.Value))));
    }

    [Fact]
    public void NewIterator_WritesAfterItsCreation_AreNotSeen()
    {
        PutAll("a", "b");
        using var iterator = Db.NewIterator();

        Db.Put(Bytes.Of("c"), Bytes.Of("c"));
        Db.Delete(Bytes.Of("b"));

        Assert.Equal(["a", "b"], Keys(iterator));
    }

    [Fact]
    public void NewIterator_AcrossFlushedAndUnflushedData_MergesThemInOrder()
    {
        PutAll("a", "c", "e");
        Db.Flush();
        PutAll("b", "d");
        Db.Delete(Bytes.Of("c"));

        using var iterator = Db.NewIterator();

        Assert.Equal(["a", "b", "d", "e"], Keys(iterator));
    }

    [Fact]
    public void Calls_AfterDispose_ThrowObjectDisposed()
    {
        PutAll("a");
        var iterator = Db.NewIterator();

        iterator.Dispose();

        Assert.Throws<ObjectDisposedException>(() => iterator.Valid);
        Assert.Throws<ObjectDisposedException>(iterator.SeekToFirst);
    }

    private void PutAll(params string[] keys)
    {
        foreach (var key in keys) Db.Put(Bytes.Of(key), Bytes.Of(key));
    }

    private static List<string> Keys(RocksDbIterator iterator) =>
        iterator.CopyRemaining().Select(entry => Bytes.Text(entry.Key)).ToList();
}
