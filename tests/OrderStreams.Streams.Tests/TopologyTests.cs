using OrderStreams.Streams.Errors;
using OrderStreams.Streams.Serialization;
using OrderStreams.Streams.TestDriver;

namespace OrderStreams.Streams.Tests;

public sealed class TopologyTests
{
    [Fact]
    public void Build_GroupByNewKey_TwoSubtopologiesThroughRepartitionTopic()
    {
        var builder = new StreamsBuilder();
        builder.Stream("in", Consumed<string, string>.With(Serdes.String, Serdes.String))
            .GroupBy((_, v) => v, Grouped<string, string>.With(Serdes.String, Serdes.String, "by-value"))
            .Count();

        var topology = builder.Build();

        Assert.Equal(2, topology.Subtopologies.Count);
        Assert.Contains("Sub-topology: 1", topology.Describe());
        Assert.Contains("<application.id>-by-value-repartition", topology.Describe());
    }

    [Fact]
    public void Build_SameTopicTwice_Throws()
    {
        var builder = new StreamsBuilder();
        builder.Stream<string, string>("in");

        Assert.Throws<TopologyException>(() => builder.Stream<string, string>("in"));
    }

    [Fact]
    public void Validate_NoSerdeAnywhere_FailsNamingTheNode()
    {
        var builder = new StreamsBuilder();
        builder.Stream<string, string>("in").To("out");

        var error = Assert.Throws<TopologyException>(() => new TopologyTestDriver(builder.Build()));

        Assert.Contains("Source 'KSTREAM-SOURCE-0000000000'", error.Message);
    }

    [Fact]
    public void Validate_DefaultSerdes_Used()
    {
        var builder = new StreamsBuilder();
        builder.Stream<string, string>("in").To("out");
        var config = new StreamsConfig { DefaultKeySerde = Serdes.String, DefaultValueSerde = Serdes.String };

        using var driver = new TopologyTestDriver(builder.Build(), config);
        driver.CreateInputTopic("in", Serdes.String, Serdes.String).PipeInput("k", "v");

        Assert.Equal("v", driver.CreateOutputTopic("out", Serdes.String, Serdes.String).ReadValue());
    }

    [Fact]
    public void Process_ThrowsWithDeadLetter_RecordDeadLetteredAndProcessingContinues()
    {
        var builder = new StreamsBuilder();
        builder.Stream("in", Consumed<string, string>.With(Serdes.String, Serdes.String))
            .MapValues(v => v == "boom" ? throw new InvalidOperationException("boom!") : v)
            .To("out", Produced<string, string>.With(Serdes.String, Serdes.String));
        var config = new StreamsConfig { ProcessingExceptionHandling = ExceptionHandling.DeadLetter, DeadLetterQueueTopic = "svc.dlq" };

        using var driver = new TopologyTestDriver(builder.Build(), config);
        var input = driver.CreateInputTopic("in", Serdes.String, Serdes.String);
        input.PipeInput("k", "boom");
        input.PipeInput("k", "fine");

        var dead = driver.CreateOutputTopic("svc.dlq", Serdes.String, Serdes.String).ReadRecord();
        Assert.Equal("boom", dead.Value);
        Assert.Equal("boom!", System.Text.Encoding.UTF8.GetString(dead.Headers.GetLastBytes("__streams.errors.message")));
        Assert.Equal(["fine"], driver.CreateOutputTopic("out", Serdes.String, Serdes.String).ReadValuesToList());
    }

    [Fact]
    public void Process_ThrowsWithFail_StreamsExceptionWithContext()
    {
        var builder = new StreamsBuilder();
        builder.Stream("in", Consumed<string, string>.With(Serdes.String, Serdes.String))
            .Peek((_, _) => throw new InvalidOperationException("boom!"));
        using var driver = new TopologyTestDriver(builder.Build());

        var error = Assert.Throws<StreamsException>(() => driver.CreateInputTopic("in", Serdes.String, Serdes.String).PipeInput("k", "v"));

        Assert.Equal(("in", 0, 0L, "0_0"), (error.Topic, error.Partition, error.Offset, error.TaskId));
    }
}
