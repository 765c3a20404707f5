using Confluent.Kafka;
using OrderStreams.Operations.Lag;
using OrderStreams.Testing;

namespace OrderStreams.Operations.Tests.Lag;

[Collection(EmbeddedKafkaCollection.Name)]
public sealed class LagReaderTests(TestBrokerFixture kafka)
{
    [Fact]
    public async Task Read_ReportsCommittedEndLagAndTheAgeOfTheOldestUnconsumedRecord()
    {
        var topic = kafka.CreateTopic("lag", partitions: 2);
        var group = TestBrokerFixture.UniqueName("lag-group");
        var oldest = DateTimeOffset.UtcNow.AddMinutes(-5);
        using (var producer = new ProducerBuilder<Null, string>(kafka.ProducerConfig()).Build())
        {
            for (var i = 0; i < 10; i++)
            {
                await producer.ProduceAsync(new TopicPartition(topic, 0), new Message<Null, string> { Value = $"{i}", Timestamp = new Timestamp(oldest.AddSeconds(i)) });
                await producer.ProduceAsync(new TopicPartition(topic, 1), new Message<Null, string> { Value = $"{i}" });
            }
        }
        using (var consumer = new ConsumerBuilder<Ignore, Ignore>(kafka.ConsumerConfig(group)).Build())
        {
            consumer.Commit([new TopicPartitionOffset(topic, 0, 4), new TopicPartitionOffset(topic, 1, 10)]);
        }

        using var reader = new LagReader([new("bootstrap.servers", kafka.BootstrapServers)]);
        var lag = reader.Read(group, [topic]);

        Assert.Equal(2, lag.Partitions.Count);
        var behind = lag.Partitions.Single(p => p.Partition == 0);
        Assert.Equal((4L, 10L, 6L), (behind.CommittedOffset!.Value, behind.EndOffset, behind.Lag));
        Assert.Equal(oldest.AddSeconds(4).ToUnixTimeMilliseconds(), behind.OldestUnconsumedTimestamp!.Value.ToUnixTimeMilliseconds());
        Assert.InRange(behind.LagTime(lag.At).TotalSeconds, 290, 320);
        var caughtUp = lag.Partitions.Single(p => p.Partition == 1);
        Assert.Equal((0L, TimeSpan.Zero), (caughtUp.Lag, caughtUp.LagTime(lag.At)));
        Assert.Equal(6, lag.TotalLag);
    }

    [Fact]
    public void Read_GroupThatNeverCommitted_LagsFromTheLogStart()
    {
        var topic = kafka.CreateTopic("nocommit", partitions: 1);
        using (var producer = new ProducerBuilder<Null, string>(kafka.ProducerConfig()).Build())
        {
            for (var i = 0; i < 3; i++) producer.Produce(topic, new Message<Null, string> { Value = "x" });
            producer.Flush();
        }

        using var reader = new LagReader([new("bootstrap.servers", kafka.BootstrapServers)]);
        var partition = Assert.Single(reader.Read(TestBrokerFixture.UniqueName("fresh"), [topic]).Partitions);

        Assert.Null(partition.CommittedOffset);
        Assert.Equal(3, partition.Lag);
    }

    [Fact]
    public void TopicsOf_ListsTheTopicsTheGroupCommittedOn()
    {
        var consumed = kafka.CreateTopic("consumed", partitions: 3);
        kafka.CreateTopic("ignored", partitions: 1);
        var group = TestBrokerFixture.UniqueName("topics-of");
        using (var consumer = new ConsumerBuilder<Ignore, Ignore>(kafka.ConsumerConfig(group)).Build())
        {
            consumer.Commit([new TopicPartitionOffset(consumed, 2, 0)]);
        }

        using var reader = new LagReader([new("bootstrap.servers", kafka.BootstrapServers)]);

        Assert.Equal([consumed], reader.TopicsOf(group));
    }
}
