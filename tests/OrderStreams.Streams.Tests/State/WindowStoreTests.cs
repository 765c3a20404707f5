using OrderStreams.Streams.Internals.State;
using OrderStreams.Streams.Serialization;
using OrderStreams.Streams.State;

namespace OrderStreams.Streams.Tests.State;

public sealed class WindowStoreTests
{
    private long streamTime;

    private WindowStore<string, long> Open()
    {
        var builder = Stores.WindowStoreBuilder(Stores.InMemoryWindowStore("w", TimeSpan.FromMilliseconds(100)), Serdes.String, Serdes.Long, TimeSpan.FromMilliseconds(10));
        var store = (WindowStore<string, long>)builder.WithLoggingDisabled().Build(new StreamsConfig());
        store.Init(new StoreContext("", "app-w-changelog", 0, null, () => 0, () => streamTime));
        return store;
    }

    [Fact]
    public void Fetch_Range_OnlyThisKeysWindowsInOrder()
    {
        var store = Open();
        store.Put("a", 1, 0);
        store.Put("a", 2, 10);
        store.Put("ab", 9, 10);
        store.Put("a", 3, 20);

        Assert.Equal([new(10, 2L), new(20, 3L)], store.Fetch("a", 5, 25).ToList());
    }

    [Fact]
    public void Flush_WindowsPastRetention_Removed()
    {
        var store = Open();
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
