using OrderStreams.Streams.Errors;
using OrderStreams.Streams.Serialization;
using OrderStreams.Streams.State;
using OrderStreams.Streams.TestDriver;

namespace OrderStreams.Streams.Tests;

public sealed class StreamsConfigTests
{
    [Fact]
    public void Validate_MissingIdAndServers_NamesBoth()
    {
        var error = Assert.Throws<StreamsException>(() => new StreamsConfig().Validate());

        Assert.Contains("ApplicationId is required", error.Message);
        Assert.Contains("BootstrapServers is required", error.Message);
    }

    [Fact]
    public void Validate_DeadLetterWithoutTopic_Fails()
    {
        var config = new StreamsConfig { ApplicationId = "a", BootstrapServers = "b:9092", ProcessingExceptionHandling = ExceptionHandling.DeadLetter };

        Assert.Contains("DeadLetterQueueTopic", Assert.Throws<StreamsException>(config.Validate).Message);
    }

    [Theory]
    [InlineData("group.id")]
    [InlineData("enable.auto.commit")]
    public void Validate_RuntimeOwnedSetting_Fails(string key)
    {
        var config = new StreamsConfig { ApplicationId = "a", BootstrapServers = "b:9092", KafkaSettings = new() { [key] = "x" } };

        Assert.Contains(key, Assert.Throws<StreamsException>(config.Validate).Message);
    }

    [Fact]
    public void Validate_RuntimeOwnedSettingForOneClientKind_FailsNamingWhere()
    {
        var config = new StreamsConfig
        {
            ApplicationId = "a",
            BootstrapServers = "b:9092",
            ProducerSettings = new() { ["transactional.id"] = "x" },
            ConsumerSettings = new() { ["group.id"] = "x" },
        };

        var message = Assert.Throws<StreamsException>(config.Validate).Message;

        Assert.Contains("ProducerSettings must not set 'transactional.id'", message);
        Assert.Contains("ConsumerSettings must not set 'group.id'", message);
    }

    [Theory]
    [InlineData("group.protocol")]
    [InlineData("group.remote.assignor")]
    [InlineData("partition.assignment.strategy")]
    public void Validate_GroupSetting_FailsPointingAtGroupProtocol(string key)
    {
        var config = new StreamsConfig { ApplicationId = "a", BootstrapServers = "b:9092", ConsumerSettings = new() { [key] = "x" } };

        var error = Assert.Throws<StreamsException>(config.Validate);

        Assert.Contains($"ConsumerSettings must not set '{key}'; the runtime sets it from GroupProtocol.", error.Message);
    }

    [Theory]
    [InlineData("session.timeout.ms")]
    [InlineData("heartbeat.interval.ms")]
    public void Validate_ConsumerGroupsWithClientSideGroupTiming_FailsSayingTheBrokerOwnsIt(string key)
    {
        var config = new StreamsConfig
        {
            ApplicationId = "a",
            BootstrapServers = "b:9092",
            GroupProtocol = ConsumerGroupProtocol.Consumer,
            KafkaSettings = new() { [key] = "6000" },
        };

        var error = Assert.Throws<StreamsException>(config.Validate);

        Assert.Contains($"KafkaSettings must not set '{key}' with GroupProtocol Consumer: the broker owns it", error.Message);
    }

    [Fact]
    public void Validate_ClassicGroupsWithClientSideGroupTiming_Passes()
    {
        var config = new StreamsConfig { ApplicationId = "a", BootstrapServers = "b:9092", ConsumerSettings = new() { ["session.timeout.ms"] = "6000" } };

        config.Validate();
    }

    [Fact]
    public void Validate_NegativeRocksDbBlockCacheSize_Fails()
    {
        var config = new StreamsConfig { ApplicationId = "a", BootstrapServers = "b:9092", RocksDbBlockCacheSize = -1 };

        Assert.Contains("RocksDbBlockCacheSize must not be negative", Assert.Throws<StreamsException>(config.Validate).Message);
    }

    [Fact]
    public void Validate_BadApplicationServer_Fails()
    {
        var config = new StreamsConfig { ApplicationId = "a", BootstrapServers = "b:9092", ApplicationServer = "nohost" };

        Assert.Contains("host:port", Assert.Throws<StreamsException>(config.Validate).Message);
    }

    [Fact]
    public void EffectiveCommitInterval_ExactlyOnce_DefaultsTo100Ms()
    {
        var config = new StreamsConfig { ProcessingGuarantee = ProcessingGuarantee.ExactlyOnceV2 };

        Assert.Equal(TimeSpan.FromMilliseconds(100), config.EffectiveCommitInterval);
    }

    [Fact]
    public void ProcessUntil_RecordAfterBound_StopsThePartitionThere()
    {
        var builder = new StreamsBuilder();
        builder.Stream("in", Consumed<string, string>.With(Serdes.String, Serdes.String)).To("out", Produced<string, string>.With(Serdes.String, Serdes.String));
        using var driver = new TopologyTestDriver(builder.Build(), new StreamsConfig { ProcessUntil = DateTimeOffset.FromUnixTimeMilliseconds(20) });
        var input = driver.CreateInputTopic("in", Serdes.String, Serdes.String);

        input.PipeInput("k", "at 10", timestamp: 10);
        input.PipeInput("k", "at 20", timestamp: 20);
        input.PipeInput("k", "at 30", timestamp: 30);
        input.PipeInput("k", "late, at 15", timestamp: 15);

        Assert.Equal(["at 10", "at 20"], driver.CreateOutputTopic("out", Serdes.String, Serdes.String).ReadValuesToList());
    }

    [Fact]
    public void ProcessUntil_GlobalTable_LoadsOnlyRecordsUpToTheBound()
    {
        var builder = new StreamsBuilder();
        var branches = builder.GlobalTable("branches", Consumed<string, string>.With(Serdes.String, Serdes.String), Materialized<string, string>.As("branches-store"));
        builder.Stream("orders", Consumed<string, string>.With(Serdes.String, Serdes.String))
            .Join(branches, (_, branch) => branch, (branch, name) => $"{branch}: {name}")
            .To("out", Produced<string, string>.With(Serdes.String, Serdes.String));
        using var driver = new TopologyTestDriver(builder.Build(), new StreamsConfig { ProcessUntil = DateTimeOffset.FromUnixTimeMilliseconds(100) });
        var reference = driver.CreateInputTopic("branches", Serdes.String, Serdes.String);

        reference.PipeInput("b1", "Old Name", timestamp: 50);
        reference.PipeInput("b1", "Renamed later", timestamp: 150);
        reference.PipeInput("b2", "Opened later", timestamp: 160);
        reference.PipeInput("b3", "Opened before", timestamp: 90);
        driver.CreateInputTopic("orders", Serdes.String, Serdes.String).PipeInput("order-1", "b1", timestamp: 99);

        var store = driver.GetKeyValueStore<string, string>("branches-store");
        Assert.Equal(("Old Name", null, "Opened before"), (store.Get("b1"), store.Get("b2"), store.Get("b3")));
        Assert.Equal(["b1: Old Name"], driver.CreateOutputTopic("out", Serdes.String, Serdes.String).ReadValuesToList());
    }
}
