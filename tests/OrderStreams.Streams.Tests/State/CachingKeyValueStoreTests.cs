using System.Text;
using OrderStreams.Streams.Internals.State;
using OrderStreams.Streams.Processor;
using OrderStreams.Streams.Serialization;
using OrderStreams.Streams.State;
using OrderStreams.Streams.TestDriver;

namespace OrderStreams.Streams.Tests.State;

/// <summary>The record cache in front of a key-value store (Kafka Streams' caching store), on an in-memory store.</summary>
public sealed class CachingKeyValueStoreTests
{
    private readonly List<(string Key, long? Value, long Timestamp)> changelog = [];
    private readonly List<Record<string, long>> forwarded = [];
    private readonly RecordContext current = new();

    private KeyValueStore<string, long> Open(long cacheBytes = 1024 * 1024, RecordCache? shared = null)
    {
        var builder = Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("s"), Serdes.String, Serdes.Long).WithCachingEnabled();
        var store = (KeyValueStore<string, long>)builder.Build(new StreamsConfig());
        store.Init(new StoreContext("unused", "app-s-changelog", 0, new Changelog(changelog), () => current.Current.Timestamp, () => 0, shared ?? new RecordCache(cacheBytes), current));
        Assert.True(store.SetFlushListener(forwarded.Add));
        return store;
    }

    private void At(long timestamp) => current.Current = new CacheEntryContext(timestamp, null, null);

    [Fact]
    public void FlushCache_KeyWrittenTwice_WritesLogsAndForwardsLatestOnce()
    {
        var store = Open();

        At(10);
        store.Put("a", 1);
        At(20);
        store.Put("a", 2);
        store.Put("b", 7);
        Assert.Empty(changelog);
        Assert.Empty(forwarded);
        Assert.Null(store.Bytes.Get(Encoding.UTF8.GetBytes("a")));

        store.FlushCache();

        Assert.Equal([("a", (long?)2, 20L), ("b", (long?)7, 20L)], changelog);
        Assert.Equal([("a", 2L, 20L), ("b", 7L, 20L)], forwarded.Select(r => (r.Key, r.Value, r.Timestamp)));
        Assert.NotNull(store.Bytes.Get(Encoding.UTF8.GetBytes("a")));
    }

    [Fact]
    public void FlushCache_NothingWrittenSince_ForwardsNothingMore()
    {
        var store = Open();
        store.Put("a", 1);
        store.FlushCache();

        store.FlushCache();

        Assert.Single(forwarded);
        Assert.Single(changelog);
    }

    [Fact]
    public void Reads_BeforeFlush_SeeCachedWritesAndDeletes()
    {
        var store = Open();
        store.Put("a", 1);
        store.Put("c", 3);
        store.FlushCache();

        store.Put("b", 2);
        store.Delete("c");
        store.Put("a", 10);

        Assert.Equal(10, store.Get("a"));
        Assert.False(store.TryGet("c", out _));
        Assert.Equal([new("a", 10L), new KeyValuePair<string, long>("b", 2)], store.All().ToList());
        Assert.Equal([new KeyValuePair<string, long>("b", 2)], store.Range("b", "c").ToList());
        Assert.Equal(10, store.PutIfAbsent("a", 99));
    }

    [Fact]
    public void Flush_CachedDelete_LogsAndForwardsTombstone()
    {
        var store = Open();
        store.Put("a", 1);
        store.FlushCache();

        store.Delete("a");
        store.Flush();

        Assert.Equal(("a", (long?)null), (changelog[^1].Key, changelog[^1].Value));
        Assert.Equal(2, forwarded.Count);
        Assert.Null(store.Bytes.Get(Encoding.UTF8.GetBytes("a")));
    }

    [Fact]
    public void Put_CacheOverBudget_EvictsEldestAfterFlushingDirtyEntries()
    {
        // Room for about two entries of this size.
        var store = Open(cacheBytes: 2 * (CacheEntry.Overhead + 10));

        store.Put("a", 1);
        store.Put("b", 2);
        Assert.Empty(forwarded);
        store.Put("c", 3);

        Assert.Equal(["a", "b", "c"], forwarded.Select(r => r.Key));
        Assert.Equal(3, changelog.Count);
        Assert.Equal(1, store.Get("a"));
        Assert.Equal(3, store.Get("c"));
    }

    [Fact]
    public void Put_ThreadBudgetSharedByStores_CountsBothStores()
    {
        var shared = new RecordCache(3 * (CacheEntry.Overhead + 10));
        var first = Open(shared: shared);
        var second = Open(shared: shared);

        first.Put("a", 1);
        first.Put("b", 2);
        second.Put("c", 3);
        Assert.Empty(forwarded);
        second.Put("d", 4);

        Assert.Equal(["c", "d"], forwarded.Select(r => r.Key));
        Assert.True(shared.SizeBytes <= shared.MaxBytes);
    }

    [Fact]
    public void Close_Unflushed_DropsWritesWithoutForwarding()
    {
        var store = Open();
        store.Put("a", 1);

        store.Close();

        Assert.Empty(forwarded);
        Assert.Empty(changelog);
    }

    [Fact]
    public void FlushCache_EntryContext_ForwardsWithWritersHeadersAndMetadata()
    {
        var store = Open();
        var headers = new Confluent.Kafka.Headers { { "h", [1] } };
        current.Current = new CacheEntryContext(5, headers, new RecordMetadata("in", 0, 42));
        RecordMetadata? seen = null;
        store.SetFlushListener(record =>
        {
            seen = current.Current.Metadata;
            forwarded.Add(record);
        });
        store.Put("a", 1);
        current.Current = default;

        store.FlushCache();

        Assert.Equal(new RecordMetadata("in", 0, 42), seen);
        Assert.Same(headers, forwarded.Single().Headers);
        Assert.Equal(default(CacheEntryContext), current.Current);
    }

    [Fact]
    public void SetFlushListener_CachingDisabled_ReturnsFalseAndWritesThrough()
    {
        var store = (KeyValueStore<string, long>)Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("s"), Serdes.String, Serdes.Long).Build(new StreamsConfig());
        store.Init(new StoreContext("unused", "app-s-changelog", 0, new Changelog(changelog), () => 0, () => 0, new RecordCache(1024), current));

        store.Put("a", 1);

        Assert.False(store.SetFlushListener(forwarded.Add));
        Assert.Single(changelog);
    }

    [Fact]
    public void Count_InTestDriver_ForwardsEveryUpdateAsKafkaStreamsDriverDoes()
    {
        var builder = new StreamsBuilder();
        builder.Stream("in", Consumed<string, string>.With(Serdes.String, Serdes.String))
            .GroupByKey()
            .Count(Materialized<string, long>.As("counts"))
            .ToStream()
            .To("out", Produced<string, long>.With(Serdes.String, Serdes.Long));
        using var driver = new TopologyTestDriver(builder.Build());
        var input = driver.CreateInputTopic("in", Serdes.String, Serdes.String);

        input.PipeInput("k", "a");
        input.PipeInput("k", "b");

        Assert.Equal([1L, 2L], driver.CreateOutputTopic("out", Serdes.String, Serdes.Long).ReadValuesToList());
        Assert.Equal(2, driver.GetKeyValueStore<string, long>("counts").Get("k"));
    }

    private sealed class RecordContext : ITaskRecordContext
    {
        public CacheEntryContext Current { get; set; }

        public void RunAs(CacheEntryContext context, Action action)
        {
            var previous = Current;
            Current = context;
            try
            {
                action();
            }
            finally
            {
                Current = previous;
            }
        }
    }

    private sealed class Changelog(List<(string Key, long? Value, long Timestamp)> entries) : IChangelogWriter
    {
        public void SendChangelog(string topic, int partition, byte[] key, byte[]? value, long timestamp) =>
            entries.Add((Encoding.UTF8.GetString(key), value is null ? null : Serdes.Long.Deserialize(value, default), timestamp));
    }
}
