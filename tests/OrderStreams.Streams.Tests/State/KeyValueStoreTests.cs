using OrderStreams.Streams.Internals.State;
using OrderStreams.Streams.Serialization;
using OrderStreams.Streams.State;

namespace OrderStreams.Streams.Tests.State;

public sealed class KeyValueStoreTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "orderstreams-kv", Guid.NewGuid().ToString("N"));
    private readonly List<string> changelog = [];

    public static TheoryData<bool> Persistence => new() { true, false };

    public void Dispose()
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }

    private KeyValueStore<string, long> Open(bool persistent)
    {
        var supplier = persistent ? Stores.PersistentKeyValueStore("s") : Stores.InMemoryKeyValueStore("s");
        var store = (KeyValueStore<string, long>)Stores.KeyValueStoreBuilder(supplier, Serdes.String, Serdes.Long).Build(new StreamsConfig());
        store.Init(new StoreContext(directory, "app-s-changelog", 3, new ChangelogRecorder(changelog), () => 0, () => 0));
        return store;
    }

    [Theory]
    [MemberData(nameof(Persistence))]
    public void PutGetDelete_RoundTrip_LoggedToChangelog(bool persistent)
    {
        var store = Open(persistent);

        store.Put("a", 1);
        var old = store.Delete("a");
        store.Put("b", 2);

        Assert.Equal(1, old);
        Assert.False(store.TryGet("a", out _));
        Assert.Equal(2, store.Get("b"));
        Assert.Equal(["app-s-changelog/3 a=set", "app-s-changelog/3 a=null", "app-s-changelog/3 b=set"], changelog);
        store.Close();
    }

    [Theory]
    [MemberData(nameof(Persistence))]
    public void PutIfAbsent_Existing_KeepsOldValue(bool persistent)
    {
        var store = Open(persistent);

        Assert.Equal(0, store.PutIfAbsent("a", 1));
        Assert.Equal(1, store.PutIfAbsent("a", 2));

        Assert.Equal(1, store.Get("a"));
        store.Close();
    }

    [Theory]
    [MemberData(nameof(Persistence))]
    public void Range_InclusiveBounds_BytewiseOrder(bool persistent)
    {
        var store = Open(persistent);
        foreach (var key in new[] { "d", "a", "c", "b", "e" }) store.Put(key, key[0]);

        Assert.Equal(["b", "c", "d"], store.Range("b", "d").Select(e => e.Key));
        Assert.Equal(["a", "b", "c", "d", "e"], store.All().Select(e => e.Key));
        Assert.Equal(5, store.ApproximateNumEntries);
        store.Close();
    }

    [Fact]
    public void Persistent_Reopened_KeepsData()
    {
        var store = Open(persistent: true);
        store.Put("a", 1);
        store.Close();

        var reopened = Open(persistent: true);

        Assert.Equal(1, reopened.Get("a"));
        reopened.Close();
    }

    [Theory]
    [MemberData(nameof(Persistence))]
    public void WriteBatch_AppliesPutsAndDeletesInOrder_CopyingWhatItIsGiven(bool persistent)
    {
        var store = Open(persistent);
        store.Put("gone", 1);
        var buffer = "kept"u8.ToArray();

        using (var batch = store.Bytes.CreateWriteBatch())
        {
            batch.Put(buffer, Serdes.Long.Serialize(5, default));
            batch.Put("gone"u8, Serdes.Long.Serialize(2, default));
            batch.Delete("gone"u8);
            buffer[0] = (byte)'x';
            Assert.Equal(3, batch.Count);
            store.Bytes.Write(batch);
        }

        Assert.Equal(5, store.Get("kept"));
        Assert.False(store.TryGet("gone", out _));
        Assert.False(store.TryGet("xept", out _));
        store.Close();
    }

    private sealed class ChangelogRecorder(List<string> entries) : IChangelogWriter
    {
        public void SendChangelog(string topic, int partition, byte[] key, byte[]? value, long timestamp) =>
            entries.Add($"{topic}/{partition} {System.Text.Encoding.UTF8.GetString(key)}={(value is null ? "null" : "set")}");
    }
}
