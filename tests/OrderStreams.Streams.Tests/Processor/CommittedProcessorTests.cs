using OrderStreams.Streams.Processor;
using OrderStreams.Streams.Serialization;
using OrderStreams.Streams.State;
using OrderStreams.Streams.TestDriver;

namespace OrderStreams.Streams.Tests.Processor;

/// <summary><see cref="IProcessor{KIn,VIn,KOut,VOut}.OnCommitted"/> in the test driver, and its restart as after a crash.</summary>
public sealed class CommittedProcessorTests
{
    /// <summary>Keeps each key's value in a persistent store, forwards it, and counts what a commit covered.</summary>
    internal sealed class KeepingProcessor(Tally tally) : IProcessor<string, string, string, string>
    {
        private IKeyValueStore<string, string> store = null!;
        private IProcessorContext<string, string> context = null!;

        public void Init(IProcessorContext<string, string> processorContext)
        {
            context = processorContext;
            store = context.GetStateStore<IKeyValueStore<string, string>>("kept");
        }

        public void Process(Record<string, string> record)
        {
            store.Put(record.Key, record.Value);
            context.Forward(record);
            tally.Forwarded++;
        }

        public void OnCommitted() => tally.Committed = tally.Forwarded;
    }

    internal sealed class Tally
    {
        public int Forwarded { get; set; }

        public int Committed { get; set; }
    }

    internal static Topology Keeping(Tally tally, string input = "in", string output = "out")
    {
        var builder = new StreamsBuilder();
        builder.AddStateStore(Stores.KeyValueStoreBuilder(Stores.PersistentKeyValueStore("kept"), Serdes.String, Serdes.String));
        builder.Stream(input, Consumed<string, string>.With(Serdes.String, Serdes.String))
            .Process(() => new KeepingProcessor(tally), "kept")
            .To(output, Produced<string, string>.With(Serdes.String, Serdes.String));
        return builder.Build();
    }

    [Fact]
    public void OnCommitted_TestDriverCommitsAfterEachRecord_CalledOncePerRecord()
    {
        var tally = new Tally();
        using var driver = new TopologyTestDriver(Keeping(tally));
        var input = driver.CreateInputTopic("in", Serdes.String, Serdes.String);

        input.PipeInput("a", "1");
        Assert.Equal(1, tally.Committed);
        input.PipeInput("b", "2");

        Assert.Equal(2, tally.Committed);
    }

    [Fact]
    public void OnCommitted_AutoCommitOff_NotCalled()
    {
        var tally = new Tally();
        using var driver = new TopologyTestDriver(Keeping(tally)) { AutoCommit = false };

        driver.CreateInputTopic("in", Serdes.String, Serdes.String).PipeInput("a", "1");

        Assert.Equal((1, 0), (tally.Forwarded, tally.Committed));
    }

    [Fact]
    public void Restart_PersistentStore_NewProcessorsOverTheSameContent()
    {
        var tally = new Tally();
        using var driver = new TopologyTestDriver(Keeping(tally)) { AutoCommit = false };
        driver.CreateInputTopic("in", Serdes.String, Serdes.String).PipeInput("a", "1");

        driver.Restart();
        driver.CreateInputTopic("in", Serdes.String, Serdes.String).PipeInput("b", "2");

        var kept = driver.GetKeyValueStore<string, string>("kept");
        Assert.Equal(("1", "2"), (kept.Get("a"), kept.Get("b")));
    }
}
