using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.Mock;
using Streamiz.Kafka.Net.Processors.Public;
using Streamiz.Kafka.Net.SerDes;
using Streamiz.Kafka.Net.State;
using Streamiz.Kafka.Net.Table;

namespace OrderStreams.Bench.Streamiz.Tests.Features;

/// <summary>
/// The rows of the feature table in docs/benchmarks.md that Streamiz 1.8.2 runs without a broker, each a small
/// topology on its <see cref="TopologyTestDriver"/>.
/// </summary>
public sealed class TopologyFeatureTests
{
    [Fact]
    public void GlobalTable_StreamJoinedOnAMappedKey_EnrichesFromEveryPartitionOfTheTable()
    {
        var builder = new StreamBuilder();
        var branches = builder.GlobalTable("branches", new StringSerDes(), new StringSerDes(), InMemory.As<string, string>("branches"));
        builder.Stream("orders", new StringSerDes(), new StringSerDes())
            .Join(branches, (_, branchId) => branchId, (branchId, name) => $"{branchId}:{name}")
            .To("enriched", new StringSerDes(), new StringSerDes());
        using var driver = Driver(builder, "global-table");
        driver.CreateInputTopic<string, string>("branches").PipeInput("b1", "Damrak");
        driver.CreateInputTopic<string, string>("orders").PipeInput("o1", "b1");

        Assert.Equal("b1:Damrak", driver.CreateOutputTopic<string, string>("enriched").ReadValue());
    }

    [Fact]
    public void Schedule_StreamTime_PunctuatesOnlyAsRecordTimestampsAdvance()
    {
        var punctuations = StreamTimePunctuator.Punctuations;
        using var driver = PunctuatingDriver<StreamTimePunctuator>();
        var input = driver.CreateInputTopic<string, string>("input");
        var start = new DateTime(2026, 12, 7, 12, 0, 0, DateTimeKind.Utc);

        input.PipeInput("k", "a", start);
        driver.AdvanceWallClockTime(TimeSpan.FromMinutes(5));
        var beforeStreamTimeMoved = punctuations.Count;
        input.PipeInput("k", "b", start.AddSeconds(25));

        Assert.All(punctuations.Take(beforeStreamTimeMoved), p => Assert.True(p <= ToMs(start), "the wall clock moved stream time"));
        Assert.Contains(punctuations, p => p >= ToMs(start.AddSeconds(10)));
    }

    [Fact]
    public void Schedule_WallClockTime_PunctuatesWhenTheClockAdvancesWithoutRecords()
    {
        var punctuations = WallClockPunctuator.Punctuations;
        using var driver = PunctuatingDriver<WallClockPunctuator>();
        driver.CreateInputTopic<string, string>("input").PipeInput("k", "a");
        var before = punctuations.Count;

        driver.AdvanceWallClockTime(TimeSpan.FromSeconds(35));

        Assert.True(punctuations.Count > before, $"{punctuations.Count} punctuations after the clock moved, {before} before");
    }

    [Fact]
    public void CustomProcessor_WithAStore_KeepsStateAcrossRecords()
    {
        var builder = new StreamBuilder();
        builder.Stream("input", new StringSerDes(), new StringSerDes())
            .Process(ProcessorBuilder.New<string, string>()
                .Processor<CountingProcessor>()
                .StateStore(Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("counts"), new StringSerDes(), new Int64SerDes()))
                .Build());
        using var driver = Driver(builder, "custom-processor");
        var input = driver.CreateInputTopic<string, string>("input");

        input.PipeInput("a", "1");
        input.PipeInput("a", "2");
        input.PipeInput("b", "3");

        var counts = driver.GetKeyValueStore<string, long>("counts");
        Assert.Equal(2L, counts.Get("a"));
        Assert.Equal(1L, counts.Get("b"));
    }

    [Fact]
    public void RecordCache_OnAnAggregate_SendsTheLatestTotalOncePerCommit()
    {
        List<long> Totals(bool caching)
        {
            var builder = new StreamBuilder();
            var store = InMemory.As<string, long>("totals").WithValueSerdes(new Int64SerDes());
            builder.Stream("input", new StringSerDes(), new StringSerDes())
                .GroupByKey()
                .Count(caching ? store.WithCachingEnabled() : store.WithCachingDisabled())
                .ToStream()
                .To("totals", new StringSerDes(), new Int64SerDes());
            using var driver = Driver(builder, $"record-cache-{caching}");
            var input = driver.CreateInputTopic<string, string>("input");
            foreach (var value in new[] { "1", "2", "3" }) input.PipeInput("a", value);
            driver.Commit();
            return driver.CreateOutputTopic<string, long, StringSerDes, Int64SerDes>("totals").ReadValueList().ToList();
        }

        Assert.Equal([1L, 2L, 3L], Totals(caching: false));
        Assert.Equal([3L], Totals(caching: true));
    }

    [Fact]
    public void DeserializationHandler_Continue_DropsTheRecordAndWritesNoDeadLetter()
    {
        var builder = new StreamBuilder();
        builder.Stream("input", new StringSerDes(), new Int32SerDes()).To("output", new StringSerDes(), new Int32SerDes());
        var config = Config("dead-letters");
        var handled = new List<string>();
        config.DeserializationExceptionHandler = (_, record, exception) =>
        {
            handled.Add($"{record.Topic}:{record.Offset.Value}:{exception.GetType().Name}");
            return ExceptionHandlerResponse.CONTINUE;
        };
        using var driver = new TopologyTestDriver(builder.Build(), config);
        var input = driver.CreateInputTopic<string, byte[], StringSerDes, ByteArraySerDes>("input");

        input.PipeInput("k", [1, 2]);
        input.PipeInput("k", new Int32SerDes().Serialize(7, default));

        // Only the unreadable first record (offset 0) reached the handler (1.8.2 calls it twice for it).
        Assert.NotEmpty(handled);
        Assert.All(handled, h => Assert.Equal("input:0:ArgumentException", h));
        Assert.Equal([7], driver.CreateOutputTopic<string, int, StringSerDes, Int32SerDes>("output").ReadValueList());
    }

    [Fact]
    public void StoreQuery_OnAMaterializedTable_AnswersForKeysOfThisInstance()
    {
        var builder = new StreamBuilder();
        builder.Table("branches", new StringSerDes(), new StringSerDes(), InMemory.As<string, string>("branch-names"));
        using var driver = Driver(builder, "store-query");

        driver.CreateInputTopic<string, string>("branches").PipeInput("b1", "Damrak");

        Assert.Equal("Damrak", driver.GetKeyValueStore<string, string>("branch-names").Get("b1"));
    }

    private static TopologyTestDriver PunctuatingDriver<TProcessor>()
        where TProcessor : IProcessor<string, string>, new()
    {
        var builder = new StreamBuilder();
        builder.Stream("input", new StringSerDes(), new StringSerDes())
            .Process(ProcessorBuilder.New<string, string>().Processor<TProcessor>().Build());
        return Driver(builder, $"punctuate-{typeof(TProcessor).Name}");
    }

    private static TopologyTestDriver Driver(StreamBuilder builder, string applicationId) => new(builder.Build(), Config(applicationId));

    private static StreamConfig<StringSerDes, StringSerDes> Config(string applicationId) =>
        new() { ApplicationId = $"feature-{applicationId}" };

    private static long ToMs(DateTime time) => new DateTimeOffset(time).ToUnixTimeMilliseconds();

    /// <summary>Counts records per key in its store.</summary>
    private sealed class CountingProcessor : IProcessor<string, string>
    {
        private IKeyValueStore<string, long>? counts;

        public void Init(ProcessorContext<string, string> context) =>
            counts = (IKeyValueStore<string, long>)context.GetStateStore("counts");

        public void Process(Record<string, string> record) => counts!.Put(record.Key, counts.Get(record.Key) + 1);

        public void Close()
        {
        }
    }

    /// <summary>
    /// Schedules a punctuation every 10 s of <paramref name="type"/> time and records when each ran. Streamiz builds
    /// processors with a parameterless constructor, so each kind of time has a subclass with a list of its own.
    /// </summary>
    private abstract class PunctuatingProcessor(PunctuationType type, List<long> punctuations) : IProcessor<string, string>
    {
        public void Init(ProcessorContext<string, string> context) => context.Schedule(TimeSpan.FromSeconds(10), type, punctuations.Add);

        public void Process(Record<string, string> record)
        {
        }

        public void Close()
        {
        }
    }

    private sealed class StreamTimePunctuator() : PunctuatingProcessor(PunctuationType.STREAM_TIME, Punctuations)
    {
        public static List<long> Punctuations { get; } = [];
    }

    private sealed class WallClockPunctuator() : PunctuatingProcessor(PunctuationType.PROCESSING_TIME, Punctuations)
    {
        public static List<long> Punctuations { get; } = [];
    }
}
