using Confluent.Kafka;
using OrderStreams.Streams.Internals.Engine;

namespace OrderStreams.Streams.Tests.Engine;

public sealed class ConsumerGroupSettingsTests
{
    [Fact]
    public void Apply_Classic_RangeOnTheGroupLeader()
    {
        var config = new ConsumerConfig();

        ConsumerGroupSettings.Apply(config, ConsumerGroupProtocol.Classic);

        Assert.Equal(PartitionAssignmentStrategy.Range, config.PartitionAssignmentStrategy);
        Assert.Null(config.Get("group.protocol"));
    }

    [Fact]
    public void Apply_Consumer_KIP848WithTheBrokersRangeAssignorAndNoClientSideStrategy()
    {
        var config = new ConsumerConfig();

        ConsumerGroupSettings.Apply(config, ConsumerGroupProtocol.Consumer);

        Assert.Equal("consumer", config.Get("group.protocol"));
        Assert.Equal("range", config.Get("group.remote.assignor"));
        Assert.Null(config.PartitionAssignmentStrategy);
    }
}
