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

    private ITopicAdmin Admin() => TopicAdmin.Create(Clients(), kafka.Control.Url);

    private KafkaClientFactory Clients() => new(KafkaClientSettings.For(kafka.BootstrapServers));
}
