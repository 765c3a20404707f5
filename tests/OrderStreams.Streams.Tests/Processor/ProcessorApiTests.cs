using OrderStreams.Streams.Processor;
using OrderStreams.Streams.Serialization;
using OrderStreams.Streams.State;
using OrderStreams.Streams.TestDriver;

namespace OrderStreams.Streams.Tests.Processor;

public sealed class ProcessorApiTests
{
    private static readonly Consumed<string, string> Strings = Consumed<string, string>.With(Serdes.String, Serdes.String);
    private static readonly Produced<string, string> StringsOut = Produced<string, string>.With(Serdes.String, Serdes.String);

    /// <summary>Remembers the last value per key and, on every punctuation, emits what it holds and clears it.</summary>
    private sealed class BufferingProcessor(PunctuationType type) : IProcessor<string, string, string, string>
    {
        private IProcessorContext<string, string> context = null!;
        private IKeyValueStore<string, string> store = null!;

        public List<RecordMetadata?> Seen { get; } = [];

        public long? CaughtUpSince => context.CaughtUpSince;

        public void Init(IProcessorContext<string, string> processorContext)
        {
            context = processorContext;
            store = context.GetStateStore<IKeyValueStore<string, string>>("buffer");
            context.Schedule(TimeSpan.FromSeconds(10), type, Flush);
        }

        public void Process(Record<string, string> record)
        {
            Seen.Add(context.RecordMetadata);
            store.Put(record.Key, record.Value);
        }

        private void Flush(long timestamp)
        {
            foreach (var (key, value) in store.All().ToList())
            {
                context.Forward(new Record<string, string>(key, $"{value}@{timestamp}", timestamp));
                store.Delete(key);
            }
        }
    }

    private static (TopologyTestDriver, BufferingProcessor) Drive(PunctuationType type)
    {
        var processor = new BufferingProcessor(type);
        var builder = new StreamsBuilder();
        builder.AddStateStore(Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("buffer"), Serdes.String, Serdes.String));
        builder.Stream("in", Strings).Process(() => processor, "buffer").To("out", StringsOut);
        return (new TopologyTestDriver(builder.Build()), processor);
    }

    [Fact]
    public void Schedule_StreamTime_FiresWhenRecordsAdvanceTime()
    {
        var (driver, _) = Drive(PunctuationType.StreamTime);
        using var _ = driver;
        var input = driver.CreateInputTopic("in", Serdes.String, Serdes.String);
        var output = driver.CreateOutputTopic("out", Serdes.String, Serdes.String);

        input.PipeInput("a", "1", timestamp: 1_000);
        var afterFirst = output.ReadValuesToList();
        input.PipeInput("b", "2", timestamp: 5_000);
        input.PipeInput("c", "3", timestamp: 11_000);

        Assert.Equal(["1@1000"], afterFirst);
        Assert.Equal(["2@11000", "3@11000"], output.ReadValuesToList());
    }

    [Fact]
    public void Schedule_WallClock_FiresOnlyWhenClockAdvances()
    {
        var (driver, _) = Drive(PunctuationType.WallClockTime);
        using var _ = driver;
        var input = driver.CreateInputTopic("in", Serdes.String, Serdes.String);
        var output = driver.CreateOutputTopic("out", Serdes.String, Serdes.String);

        input.PipeInput("a", "1", timestamp: 50_000);
        Assert.True(output.IsEmpty);
        driver.AdvanceWallClockTime(TimeSpan.FromSeconds(10));

        Assert.Equal(["1@10000"], output.ReadValuesToList());
        Assert.Null(driver.GetKeyValueStore<string, string>("buffer").Get("a"));
    }

    [Fact]
    public void CaughtUpSince_RecordsReadAsPiped_TheWallClockOfTheLastRecord()
    {
        var (driver, processor) = Drive(PunctuationType.WallClockTime);
        using var _ = driver;
        var input = driver.CreateInputTopic("in", Serdes.String, Serdes.String);
        var started = processor.CaughtUpSince;

        driver.AdvanceWallClockTime(TimeSpan.FromSeconds(5));
        input.PipeInput("a", "1", timestamp: 1_000);

        Assert.Equal(0, started);
        Assert.Equal(5_000, processor.CaughtUpSince);
    }

    [Fact]
    public void CaughtUpSince_WhileNotFetching_NullAndRecordsWaitUntilResumed()
    {
        var (driver, processor) = Drive(PunctuationType.WallClockTime);
        using var _ = driver;
        var input = driver.CreateInputTopic("in", Serdes.String, Serdes.String);

        driver.StopFetching();
        input.PipeInput("a", "1", timestamp: 1_000);
        var whileStopped = (processor.CaughtUpSince, processor.Seen.Count);
        driver.AdvanceWallClockTime(TimeSpan.FromSeconds(3));
        driver.ResumeFetching();

        Assert.Equal(((long?)null, 0), whileStopped);
        Assert.Single(processor.Seen);
        Assert.Equal(3_000, processor.CaughtUpSince);
    }

    [Fact]
    public void RecordMetadata_DuringProcess_HasSourceTopicPartitionOffset()
    {
        var (driver, processor) = Drive(PunctuationType.StreamTime);
        using var _ = driver;
        var input = driver.CreateInputTopic("in", Serdes.String, Serdes.String);

        input.PipeInput("a", "1");
        input.PipeInput("b", "2");

        Assert.Equal([new RecordMetadata("in", 0, 0), new RecordMetadata("in", 0, 1)], processor.Seen);
    }

    [Fact]
    public void GetStateStore_NotConnected_ThrowsTopologyException()
    {
        var builder = new StreamsBuilder();
        builder.AddStateStore(Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("buffer"), Serdes.String, Serdes.String));
        builder.Stream("in", Strings).Process(() => new BufferingProcessor(PunctuationType.StreamTime)).To("out", StringsOut);

        Assert.Throws<TopologyException>(() => new TopologyTestDriver(builder.Build()));
    }

    [Fact]
    public void Record_With_CopiesAndKeepsOthers()
    {
        var record = new Record<string, int>("k", 1, 10);

        var changed = record.WithKey(7).WithValue("v").WithTimestamp(20);

        Assert.Equal((7, "v", 20L), (changed.Key, changed.Value, changed.Timestamp));
        Assert.Equal(("k", 1, 10L), (record.Key, record.Value, record.Timestamp));
    }

    [Fact]
    public void TaskId_ToStringAndParse_RoundTrip() => Assert.Equal(new TaskId(2, 11), TaskId.Parse(new TaskId(2, 11).ToString()));
}
