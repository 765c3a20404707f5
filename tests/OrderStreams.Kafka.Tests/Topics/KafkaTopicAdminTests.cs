using OrderStreams.Kafka.Clients;
using OrderStreams.Kafka.Topics;
using OrderStreams.Testing;
using OrderStreams.Testing.Brokers;

namespace OrderStreams.Kafka.Tests.Topics;

/// <summary>
/// The AdminClient path against what can run here: librdkafka's mock cluster answers metadata but has no admin API, so
/// DescribeConfigs and CreateTopics would time out. Descriptions must still come from metadata, and both must say at
/// once that this is the embedded broker. Config comparison and creation rules are in <see cref="TopicApplierTests"/>.
/// </summary>
[Collection(EmbeddedKafkaCollection.Name)]
public sealed class KafkaTopicAdminTests(TestBrokerFixture kafka)
{
    [EmbeddedBrokerFact("tests how the AdminClient path fails on a broker without admin APIs")]
    public async Task DescribeTopicsAsync_NoDescribeConfigs_DescribesPartitionsAndSaysWhyConfigsAreMissing()
    {
        var name = kafka.CreateTopic("admin-describe", partitions: 2);
        using var admin = Admin();

        var described = Assert.Single(await admin.DescribeTopicsAsync([name]));

        Assert.Equal(2, described.Partitions.Count);
        Assert.Null(described.Configs);
        Assert.Contains("DescribeConfigs unavailable", described.ConfigsUnavailable);
        Assert.Contains("it is the embedded broker", described.ConfigsUnavailable);
        Assert.Contains("embedded.admin.url", described.ConfigsUnavailable);
    }

    [EmbeddedBrokerFact("tests how the AdminClient path fails on a broker without admin APIs")]
    public async Task EnsureTopicsAsync_NoCreateTopics_FailsNamingTheTopicAndTheWayOut()
    {
        var name = TestBrokerFixture.UniqueName("admin-create");
        using var admin = Admin();

        var error = await Assert.ThrowsAsync<TopicAdminException>(() => admin.EnsureTopicsAsync([new TopicSpec(name, 1, 1, "delete", -1, "", null, null, "")]));

        Assert.Equal(name, error.Topic);
        Assert.Contains("it is the embedded broker", error.Message);
        Assert.Contains("embedded.admin.url", error.Message);
        Assert.False(kafka.Cluster.Topics.ContainsKey(name));
    }

    private ITopicAdmin Admin() => TopicAdmin.Create(new KafkaClientFactory(KafkaClientSettings.For(kafka.BootstrapServers)), null, TimeSpan.FromSeconds(2));
}
