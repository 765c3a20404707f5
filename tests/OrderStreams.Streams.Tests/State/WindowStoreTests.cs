using OrderStreams.Streams.Internals.State;
using OrderStreams.Streams.Serialization;
using OrderStreams.Streams.State;

namespace OrderStreams.Streams.Tests.State;

public sealed class WindowStoreTests : IDisposable
{
    private readonly RocksDb.TempDirectory directory = new();
    private readonly List<WindowStore<string, long>> opened = [];
    private long streamTime;

    public void Dispose()
    {
        foreach (var store in opened) store.Close();
        directory.Dispose();
    }

    private WindowStore<string, long> Open(bool persistent = false)
    {
        var retention = TimeSpan.FromMilliseconds(100);
        var supplier = persistent ? Stores.PersistentWindowStore("w", retention) : Stores.InMemoryWindowStore("w", retention);
        var builder = Stores.WindowStoreBuilder(supplier, Serdes.String, Serdes.Long, TimeSpan.FromMilliseconds(10));
        var store = (WindowStore<string, long>)builder.WithLoggingDisabled().Build(new StreamsConfig());
        store.Init(new StoreContext(directory.Combine("w"), "app-w-changelog", 0, null, () => 0, () => streamTime));
        opened.Add(store);
        return store;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Fetch_Range_OnlyThisKeysWindowsInOrder(bool persistent)
    {
        var store = Open(persistent);
        store.Put("a", 1, 0);
        store.Put("a", 2, 10);
        store.Put("ab", 9, 10);
        store.Put("a", 3, 20);

        Assert.Equal([new(10, 2L), new(20, 3L)], store.Fetch("a", 5, 25).ToList());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Flush_WindowsPastRetention_Removed(bool persistent)
    {
        var store = Open(persistent);
        store.Put("a", 1, 0);
        store.Put("a", 2, 200);

        streamTime = 250;
        store.Flush();

        Assert.Equal([new Windowed<string>("a", 200, 210)], store.All().Select(e => e.Key));
    }

    [Fact]
    public void Put_WindowPastRetention_Ignored()
    {
        var store = Open();
        streamTime = 500;

        store.Put("a", 1, 0);

        Assert.Empty(store.All());
    }
}
