using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.Logging;
using OrderStreams.Streams.Errors;
using OrderStreams.Streams.Internals.State.RocksDb;
using OrderStreams.Streams.Serialization;
using OrderStreams.Streams.State;
using OrderStreams.Streams.Tests.State.RocksDb;
using OrderStreams.Testing;

namespace OrderStreams.Streams.Tests.Integration;

[Collection(EmbeddedKafkaCollection.Name)]
public sealed class KafkaStreamsIntegrationTests(StreamsBrokerFixture kafka, Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private readonly string stateDir = Path.Combine(Path.GetTempPath(), "orderstreams-it", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(stateDir)) Directory.Delete(stateDir, recursive: true);
    }

    private static Topology WordCount(string input, string output, bool inMemory = false, bool cached = true)
    {
        var builder = new StreamsBuilder();
        var materialized = cached ? Materialized<string, long>.As("counts") : Materialized<string, long>.As("counts").WithCachingDisabled();
        builder.Stream(input, Consumed<string, string>.With(Serdes.String, Serdes.String))
            .FlatMapValues(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .GroupBy((_, word) => word, Grouped<string, string>.With(Serdes.String, Serdes.String, "words"))
            .Count(inMemory ? materialized.WithInMemoryStore() : materialized)
            .ToStream()
            .To(output, Produced<string, long>.With(Serdes.String, Serdes.Long));
        return builder.Build();
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static Dictionary<string, long> LatestCounts(IEnumerable<Confluent.Kafka.ConsumeResult<byte[], byte[]>> records) =>
        records.GroupBy(r => Encoding.UTF8.GetString(r.Message.Key))
            .ToDictionary(g => g.Key, g => g.Max(r => Serdes.Long.Deserialize(r.Message.Value, default)));

    private async Task<KafkaStreams> StartAsync(Topology topology, StreamsConfig config, ILoggerFactory? loggerFactory = null)
    {
        config.LoggerFactory = loggerFactory ?? new TestOutputLoggerFactory(output);
        var streams = new KafkaStreams(topology, config);
        await streams.StartAsync();
        return streams;
    }

    [Fact]
    public async Task Start_WordCount_CountsEndToEndAtLeastOnce()
    {
        var (input, output) = ($"lines-{Guid.NewGuid():N}", $"counts-{Guid.NewGuid():N}");
        kafka.CreateTopic(input, 3);
        kafka.CreateTopic(output, 3);
        kafka.Produce(input, Enumerable.Range(0, 60).Select(i => ($"k{i}", Utf8(i % 2 == 0 ? "apple banana" : "apple"))));

        using var streams = await StartAsync(WordCount(input, output), kafka.Config($"wc-{Guid.NewGuid():N}", stateDir));
        var records = kafka.ReadUntil(output, r => LatestCounts(r).GetValueOrDefault("apple") >= 60 && LatestCounts(r).GetValueOrDefault("banana") >= 30);

        Assert.Equal(new Dictionary<string, long> { ["apple"] = 60, ["banana"] = 30 }, LatestCounts(records));
        Assert.Equal(KafkaStreamsState.Running, streams.State);
    }

    [Fact]
    public async Task Start_ExactlyOnceV2_CountsThroughTransactions()
    {
        var (input, output) = ($"lines-{Guid.NewGuid():N}", $"counts-{Guid.NewGuid():N}");
        kafka.CreateTopic(input, 2);
        kafka.CreateTopic(output, 2);
        kafka.Produce(input, Enumerable.Range(0, 10).Select(i => ($"k{i}", Utf8("apple"))));
        var config = kafka.Config($"eos-{Guid.NewGuid():N}", stateDir);
        config.ProcessingGuarantee = ProcessingGuarantee.ExactlyOnceV2;

        using var streams = await StartAsync(WordCount(input, output), config);
        var records = kafka.ReadUntil(output, r => LatestCounts(r).GetValueOrDefault("apple") >= 10);

        Assert.Equal(10, LatestCounts(records)["apple"]);
        Assert.Equal(KafkaStreamsState.Running, streams.State);
    }

    [Fact]
    public async Task Store_AfterProcessing_QueryableAcrossTasks()
    {
        var (input, output) = ($"lines-{Guid.NewGuid():N}", $"counts-{Guid.NewGuid():N}");
        kafka.CreateTopic(input, 2);
        kafka.CreateTopic(output, 2);
        kafka.Produce(input, [("a", Utf8("x y x"))]);

        using var streams = await StartAsync(WordCount(input, output), kafka.Config($"iq-{Guid.NewGuid():N}", stateDir));
        kafka.ReadUntil(output, r => LatestCounts(r).GetValueOrDefault("x") == 2);
        var store = streams.Store<IReadOnlyKeyValueStore<string, long>>("counts");

        Assert.Equal(2, store.Get("x"));
        Assert.Equal(1, store.Get("y"));
        Assert.True(streams.QueryMetadataForKey("counts", "x", Serdes.String).IsLocal);
    }

    [Fact]
    public async Task AllMetadata_ApplicationServer_PublishesOwnedPartitionsAndLag()
    {
        var (input, output) = ($"lines-{Guid.NewGuid():N}", $"counts-{Guid.NewGuid():N}");
        kafka.CreateTopic(input, 3);
        kafka.CreateTopic(output, 3);
        kafka.Produce(input, [("a", Utf8("x"))]);
        var config = kafka.Config($"meta-{Guid.NewGuid():N}", stateDir);
        config.ApplicationServer = "localhost:7070";
        using var lag = new GaugeReader("kafka.consumergroup.lag", config.ApplicationId);

        using var streams = await StartAsync(WordCount(input, output), config);
        kafka.ReadUntil(output, r => r.Count >= 1);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((streams.AllMetadata().Count == 0 || lag.Read().Count < 6) && DateTime.UtcNow < deadline) await Task.Delay(100);

        var self = Assert.Single(streams.AllMetadata());
        Assert.Equal(("localhost", 7070), (self.Host, self.Port));
        Assert.Equal([0, 1, 2], self.Partitions.Order());
        Assert.Equal(self, streams.QueryMetadataForKey("counts", "x", Serdes.String).Owner);
        Assert.Contains((input, 0L), lag.Read().Select(m => (m.Topic, m.Value)));
    }

    [Fact]
    public async Task Start_StateDeleted_RestoresFromChangelog()
    {
        var appId = $"restore-{Guid.NewGuid():N}";
        var (input, output) = await CountTwentyWordsAndCloseAsync(appId);
        Directory.Delete(stateDir, recursive: true);

        using var restored = new RestoreCounter(appId);
        using var second = await StartAsync(WordCount(input, output), kafka.Config(appId, stateDir));
        var store = await WaitForStoreAsync(second, s => s.Get("w0") == 4);
        // A restored batch is counted once written, which a query may already see.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (restored.Total == 0 && DateTime.UtcNow < deadline) await Task.Delay(50);

        Assert.Equal(4, store.Get("w0"));
        Assert.True(restored.Total > 0);
    }

    [Fact]
    public async Task Store_PartitionRestoring_RefusesWithProgressUnlessStaleReadsAreAsked()
    {
        var (input, counts) = ($"lines-{Guid.NewGuid():N}", $"counts-{Guid.NewGuid():N}");
        kafka.CreateTopic(input, 2);
        kafka.CreateTopic(counts, 2);
        var appId = $"stale-{Guid.NewGuid():N}";
        kafka.Produce(input, Enumerable.Range(0, 200).Select(i => ($"k{i}", Utf8($"w{i % 10}"))));
        using (var first = await StartAsync(WordCount(input, counts, cached: false), kafka.Config(appId, stateDir)))
        {
            kafka.ReadUntil(counts, r => LatestCounts(r).Values.Sum() == 200);
            first.Close();
        }
        Directory.Delete(stateDir, recursive: true);
        var config = kafka.Config(appId, stateDir);
        config.RestoreBatchSize = 10;
        config.LoggerFactory = new TestOutputLoggerFactory(output);
        using var held = new HeldRestore();
        using var second = new KafkaStreams(WordCount(input, counts, cached: false), config);
        second.SetGlobalStateRestoreListener(held);
        await second.StartAsync();
        Assert.True(held.FirstBatch.Wait(TimeSpan.FromSeconds(60)), "no restore batch was written");

        var refused = Assert.Throws<StoreRestoringException>(() => second.Store<IReadOnlyKeyValueStore<string, long>>("counts").Get("w0"));
        var stale = second.Store<IReadOnlyKeyValueStore<string, long>>(new StoreQueryParameters("counts") { EnableStaleStores = true });
        var staleTotal = Enumerable.Range(0, 10).Sum(i => stale.Get($"w{i}"));
        var progress = second.RestoringPartitions("counts");
        held.Release();
        var whole = await WaitForStoreAsync(second, s => Enumerable.Range(0, 10).Sum(i => s.Get($"w{i}")) == 200);

        Assert.NotEmpty(refused.Progress);
        Assert.All(refused.Progress, p => Assert.True(p.Restored < p.ToRestore, $"{p} is not partial"));
        Assert.Equal(progress.Select(p => p.Partition), refused.Progress.Select(p => p.Partition));
        Assert.InRange(staleTotal, 1, 199);
        Assert.Equal(20, whole.Get("w0"));
        Assert.Empty(second.RestoringPartitions("counts"));
    }

    [Fact]
    public async Task Start_CleanRestartWithCheckpoint_RestoresNothing()
    {
        var appId = $"checkpoint-{Guid.NewGuid():N}";
        var (input, output) = await CountTwentyWordsAndCloseAsync(appId);

        using var restored = new RestoreCounter(appId);
        using var second = await StartAsync(WordCount(input, output), kafka.Config(appId, stateDir));
        var store = await WaitForStoreAsync(second, s => s.Get("w0") == 4);

        Assert.Equal(4, store.Get("w0"));
        Assert.Equal(0, restored.Total);
    }

    [Fact]
    public async Task Start_StoreWithForeignFormatMark_WipesItRestoresFromChangelogAndSaysWhy()
    {
        var appId = $"format-{Guid.NewGuid():N}";
        var (input, counts) = await CountTwentyWordsAndCloseAsync(appId);
        // As if another build had written the stores: a mark of another format, and content the changelog lacks.
        var stores = Directory.GetDirectories(Path.Combine(stateDir, appId), "counts", SearchOption.AllDirectories);
        foreach (var directory in stores)
        {
            File.WriteAllText(Path.Combine(directory, RocksDbStoreFormat.FileName), "orderstreams-rocksdb-store 0\n");
            using var db = RocksDbDatabase.Open(directory);
            db.Put(Utf8("stale"), Serdes.Long.Serialize(99, default));
        }

        using var restored = new RestoreCounter(appId);
        var log = new RecordingLoggerFactory(new TestOutputLoggerFactory(output));
        using var second = await StartAsync(WordCount(input, counts), kafka.Config(appId, stateDir), log);
        var store = await WaitForStoreAsync(second, s => s.Get("w0") == 4 && restored.Total >= 5);

        Assert.Equal(2, stores.Length);
        Assert.Equal(4, store.Get("w0"));
        Assert.False(store.TryGet("stale", out _));
        Assert.True(restored.Total >= 5, $"restored {restored.Total} records");
        Assert.Equal(2, log.Entries.Count(e => e.Level == LogLevel.Warning && e.Message.Contains("has the format mark 'orderstreams-rocksdb-store 0'")));
    }

    [Fact]
    public async Task Start_DeserializationErrorWithDeadLetter_SendsOriginalBytesWithHeadersAndContinues()
    {
        var (input, output, dlq) = ($"ints-{Guid.NewGuid():N}", $"out-{Guid.NewGuid():N}", $"svc-{Guid.NewGuid():N}.dlq");
        kafka.CreateTopic(input, 1);
        kafka.CreateTopic(output, 1);
        kafka.CreateTopic(dlq, 1);
        var builder = new StreamsBuilder();
        builder.Stream(input, Consumed<string, int>.With(Serdes.String, Serdes.Int)).MapValues(v => v * 2).To(output, Produced<string, int>.With(Serdes.String, Serdes.Int));
        var config = kafka.Config($"dlq-{Guid.NewGuid():N}", stateDir);
        config.DeserializationExceptionHandling = ExceptionHandling.DeadLetter;
        config.DeadLetterQueueTopic = dlq;
        kafka.Produce(input, [("bad", Utf8("not an int")), ("good", Serdes.Int.Serialize(21, default))]);

        using var streams = await StartAsync(builder.Build(), config);
        var dead = kafka.ReadUntil(dlq, r => r.Count >= 1).Single();
        var good = kafka.ReadUntil(output, r => r.Count >= 1).Single();

        Assert.Equal("not an int", Encoding.UTF8.GetString(dead.Message.Value));
        Assert.Equal("bad", Encoding.UTF8.GetString(dead.Message.Key));
        string Header(string name) => Encoding.UTF8.GetString(dead.Message.Headers.GetLastBytes(name));
        Assert.Equal(input, Header("__streams.errors.topic"));
        Assert.Equal("0", Header("__streams.errors.partition"));
        Assert.Equal("0", Header("__streams.errors.offset"));
        Assert.Equal(typeof(FormatException).FullName, Header("__streams.errors.exception"));
        Assert.Contains("4 bytes", Header("__streams.errors.message"));
        Assert.NotEmpty(Header("__streams.errors.stacktrace"));
        Assert.Equal(42, Serdes.Int.Deserialize(good.Message.Value, default));
    }

    [Fact]
    public async Task Start_OutputTooLargeWithLogAndContinue_RecordSkippedAndProcessingContinues()
    {
        var (input, output) = ($"big-{Guid.NewGuid():N}", $"out-{Guid.NewGuid():N}");
        kafka.CreateTopic(input, 1);
        kafka.CreateTopic(output, 1);
        var builder = new StreamsBuilder();
        builder.Stream(input, Consumed<string, string>.With(Serdes.String, Serdes.String))
            .MapValues(v => v == "big" ? new string('x', 2_000_000) : v)
            .To(output, Produced<string, string>.With(Serdes.String, Serdes.String));
        var config = kafka.Config($"prod-{Guid.NewGuid():N}", stateDir);
        config.ProductionExceptionHandling = ExceptionHandling.LogAndContinue;
        kafka.Produce(input, [("a", Utf8("big")), ("b", Utf8("small"))]);

        using var streams = await StartAsync(builder.Build(), config);
        var outputs = kafka.ReadUntil(output, r => r.Count >= 1);

        Assert.Equal(["small"], outputs.Select(r => Encoding.UTF8.GetString(r.Message.Value)));
        Assert.Equal(KafkaStreamsState.Running, streams.State);
    }

    [Fact]
    public async Task StartAsync_SourcesNotCoPartitioned_FailsNamingTopicsAndCounts()
    {
        var (orders, branches) = ($"orders-{Guid.NewGuid():N}", $"branches-{Guid.NewGuid():N}");
        kafka.CreateTopic(orders, 4);
        kafka.CreateTopic(branches, 3);
        var builder = new StreamsBuilder();
        var table = builder.Table(branches, Consumed<string, string>.With(Serdes.String, Serdes.String));
        builder.Stream(orders, Consumed<string, string>.With(Serdes.String, Serdes.String)).Join(table, (o, b) => o + b).To("never", Produced<string, string>.With(Serdes.String, Serdes.String));
        using var streams = new KafkaStreams(builder.Build(), kafka.Config($"copart-{Guid.NewGuid():N}", stateDir));

        var error = await Assert.ThrowsAsync<StreamsException>(() => streams.StartAsync());

        Assert.Contains($"{orders} has 4 partitions", error.Message);
        Assert.Contains($"{branches} has 3 partitions", error.Message);
        Assert.Equal(KafkaStreamsState.Error, streams.State);
    }

    /// <summary>Counts 20 words (w0 to w4, four each) on two partitions and closes cleanly, leaving checkpointed stores.</summary>
    private async Task<(string Input, string Output)> CountTwentyWordsAndCloseAsync(string appId)
    {
        var (input, counts) = ($"lines-{Guid.NewGuid():N}", $"counts-{Guid.NewGuid():N}");
        kafka.CreateTopic(input, 2);
        kafka.CreateTopic(counts, 2);
        kafka.Produce(input, Enumerable.Range(0, 20).Select(i => ($"k{i}", Utf8($"w{i % 5}"))));
        using var first = await StartAsync(WordCount(input, counts), kafka.Config(appId, stateDir));
        kafka.ReadUntil(counts, r => LatestCounts(r).Values.Sum() == 20);
        first.Close();
        return (input, counts);
    }

    [Fact]
    public async Task Close_AfterAFailureCalledAgain_ReturnsWithoutClosingTwice()
    {
        // The host closes a failed instance on stop and again when it disposes it; a second close of the instance
        // registry's clients hung the service for good.
        var (input, output) = ($"fail-{Guid.NewGuid():N}", $"never-{Guid.NewGuid():N}");
        kafka.CreateTopic(input, 1);
        kafka.CreateTopic(output, 1);
        var builder = new StreamsBuilder();
        builder.Stream(input, Consumed<string, string>.With(Serdes.String, Serdes.String))
            .MapValues(string (_) => throw new InvalidOperationException("poison"))
            .To(output, Produced<string, string>.With(Serdes.String, Serdes.String));
        var config = kafka.Config($"fail-{Guid.NewGuid():N}", stateDir);
        config.ApplicationServer = "localhost:7071";
        kafka.Produce(input, [("a", Utf8("x"))]);
        var streams = await StartAsync(builder.Build(), config);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (streams.State != KafkaStreamsState.Error && DateTime.UtcNow < deadline) await Task.Delay(100);

        var closing = Task.Run(() => (streams.Close(TimeSpan.FromSeconds(10)), streams.Close(TimeSpan.FromSeconds(10))));

        Assert.Equal(KafkaStreamsState.Error, streams.State);
        Assert.True(await Task.WhenAny(closing, Task.Delay(TimeSpan.FromSeconds(40))) == closing, "Closing twice did not return.");
        Assert.Equal((true, true), await closing);
    }

    private static async Task<IReadOnlyKeyValueStore<string, long>> WaitForStoreAsync(KafkaStreams streams, Func<IReadOnlyKeyValueStore<string, long>, bool> ready)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                var store = streams.Store<IReadOnlyKeyValueStore<string, long>>("counts");
                if (ready(store) || DateTime.UtcNow > deadline) return store;
            }
            catch (InvalidStateStoreException) when (DateTime.UtcNow < deadline)
            {
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Reads a lag gauge of one consumer group, by topic and partition.</summary>
    private sealed class GaugeReader : IDisposable
    {
        private readonly MeterListener listener = new();
        private readonly string group;
        private readonly List<(string Topic, int Partition, long Value)> measurements = [];

        public GaugeReader(string name, string group)
        {
            this.group = group;
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "OrderStreams.Streams" && instrument.Name == name) l.EnableMeasurementEvents(instrument);
            };
            listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                var map = tags.ToArray().ToDictionary(t => t.Key, t => t.Value);
                if ((string?)map["consumergroup"] == this.group) measurements.Add(((string)map["topic"]!, (int)map["partition"]!, value));
            });
            listener.Start();
        }

        public IReadOnlyList<(string Topic, int Partition, long Value)> Read()
        {
            measurements.Clear();
            listener.RecordObservableInstruments();
            return measurements.ToList();
        }

        public void Dispose() => listener.Dispose();
    }


    /// <summary>Sums the restore counter of one application.</summary>
    private sealed class RestoreCounter : IDisposable
    {
        private readonly MeterListener listener = new();
        private long total;

        public RestoreCounter(string applicationId)
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "OrderStreams.Streams" && instrument.Name == "streams.restore.records") l.EnableMeasurementEvents(instrument);
            };
            listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "application" && (string?)tag.Value == applicationId) Interlocked.Add(ref total, value);
                }
            });
            listener.Start();
        }

        public long Total => Interlocked.Read(ref total);

        public void Dispose() => listener.Dispose();
    }
}
