using OrderStreams.Kafka.Clients;
using Confluent.Kafka;
using OrderStreams.Kafka.Embedded;
using OrderStreams.Kafka.Topics;
using OrderStreams.Testing;
using OrderStreams.Testing.Brokers;

namespace OrderStreams.Kafka.Tests.Topics;

[Collection(EmbeddedKafkaCollection.Name)]
public sealed class EmbeddedTopicAdminTests(TestBrokerFixture kafka)
{
    [EmbeddedBrokerFact("tests the topic admin of the embedded broker")]
    public async Task ApplyAsync_Twice_CreatesOnceThenMatches()
    {
        var spec = new TopicSpec(TestBrokerFixture.UniqueName("apply"), 4, 3, "delete", -1, "", null, null, "");
        using var admin = Admin();

        var first = await new TopicApplier(admin).ApplyAsync([spec], dryRun: false);
        var second = await new TopicApplier(admin).ApplyAsync([spec], dryRun: false);

        Assert.Equal([spec], first.Missing);
        Assert.Equal(4, kafka.Cluster.Topics[spec.Name]);
        var check = Assert.Single(second.Checks);
        Assert.Equal(TopicStatus.Matches, check.Status);
        Assert.Equal(EmbeddedTopicAdmin.NoConfigs, check.ConfigsNotChecked);
    }

    [EmbeddedBrokerFact("tests the topic admin of the embedded broker")]
    public async Task ApplyAsync_OtherPartitionCount_ReportsItAndLeavesTheTopic()
    {
        var name = kafka.CreateTopic("drift", partitions: 2);
        using var admin = Admin();

        var result = await new TopicApplier(admin).ApplyAsync([new TopicSpec(name, 6, 3, "delete", -1, "", null, null, "")], dryRun: false);

        Assert.Equal(new TopicDifference("partitions", "6", "2"), Assert.Single(Assert.Single(result.Drifted).Differences));
        Assert.Equal(2, kafka.Cluster.Topics[name]);
    }

    [EmbeddedBrokerFact("tests the topic admin of the embedded broker")]
    public async Task DescribeTopicsAsync_ReportsLeadersAndReplicasButNoConfigs()
    {
        var name = kafka.CreateTopic("describe", partitions: 3);
        using var admin = Admin();

        var described = Assert.Single(await admin.DescribeTopicsAsync([name, "no-such-topic"]));

        Assert.Equal([0, 1, 2], described.Partitions.Select(p => p.Id));
        Assert.All(described.Partitions, p => Assert.Contains(p.Leader, p.Replicas));
        Assert.Equal(kafka.Cluster.BrokerCount, described.ReplicationFactor);
        Assert.Null(described.Configs);
        Assert.Equal(EmbeddedTopicAdmin.NoConfigs, described.ConfigsUnavailable);
    }

    [EmbeddedBrokerFact("tests the topic admin of the embedded broker")]
    public void Watermarks_Query_ReportsLowAndHighOfEveryPartition()
    {
        var name = kafka.CreateTopic("watermarks", partitions: 2);
        using (var producer = new ProducerBuilder<Null, string>(kafka.ProducerConfig()).Build())
        {
            for (var i = 0; i < 5; i++) producer.Produce(new TopicPartition(name, 1), new Message<Null, string> { Value = "x" });
            producer.Flush();
        }

        var marks = TopicWatermarks.Query(Clients(), [new TopicPartition(name, 0), new TopicPartition(name, 1)]);

        Assert.Equal((0L, 0L), (marks[new TopicPartition(name, 0)].Low.Value, marks[new TopicPartition(name, 0)].High.Value));
        Assert.Equal((0L, 5L), (marks[new TopicPartition(name, 1)].Low.Value, marks[new TopicPartition(name, 1)].High.Value));
    }

    [EmbeddedBrokerFact("tests the topic admin of the embedded broker")]
    public async Task DeleteRecordsAsync_MovesTheLogStartForwardOnly()
    {
        var name = kafka.CreateTopic("delete-records", partitions: 1);
        var partition = new TopicPartition(name, 0);
        using (var producer = new ProducerBuilder<Null, string>(kafka.ProducerConfig()).Build())
        {
            for (var i = 0; i < 10; i++)
            {
                producer.Produce(partition, new Message<Null, string> { Value = $"r{i}" });
                producer.Flush();
            }
        }
        using var admin = Admin();

        await admin.DeleteRecordsAsync([new TopicPartitionOffset(partition, 6)]);
        var afterDelete = TopicWatermarks.Query(Clients(), [partition])[partition];
        await admin.DeleteRecordsAsync([new TopicPartitionOffset(partition, 3)]);
        var afterLower = TopicWatermarks.Query(Clients(), [partition])[partition];
        var pastEnd = await Assert.ThrowsAsync<TopicAdminException>(() => admin.DeleteRecordsAsync([new TopicPartitionOffset(partition, 11)]));

        Assert.Equal((6L, 10L), (afterDelete.Low.Value, afterDelete.High.Value));
        Assert.Equal(6L, afterLower.Low.Value);
        Assert.Contains("before offset 11", pastEnd.Message);
        Assert.Equal(["r6", "r7", "r8", "r9"], ReadAll(partition));
    }

    private List<string> ReadAll(TopicPartition partition)
    {
        using var consumer = new ConsumerBuilder<Ignore, string>(new ConsumerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            GroupId = $"read-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnablePartitionEof = true,
        }).Build();
        consumer.Assign(new TopicPartitionOffset(partition, Offset.Beginning));
        var values = new List<string>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline && consumer.Consume(TimeSpan.FromSeconds(1)) is { } record && !record.IsPartitionEOF) values.Add(record.Message.Value);
        return values;
    }

    private ITopicAdmin Admin() => TopicAdmin.Create(Clients(), kafka.Control.Url);

    private KafkaClientFactory Clients() => new(KafkaClientSettings.For(kafka.BootstrapServers));
}
