using OrderStreams.Kafka.Clients;
using OrderStreams.Kafka.Embedded;
using OrderStreams.Kafka.Topics;

namespace OrderStreams.Testing.Brokers;

/// <summary>The embedded cluster with its control endpoint, which creates topics (the mock has no CreateTopics).</summary>
internal sealed class EmbeddedBroker : TestBroker
{
    private readonly EmbeddedKafkaCluster cluster;
    private readonly EmbeddedClusterControl control;
    private readonly ITopicAdmin topics;

    public EmbeddedBroker(int brokers)
    {
        cluster = EmbeddedKafkaCluster.Start(brokers);
        control = EmbeddedClusterControl.Start(cluster);
        ClientSettings = new Dictionary<string, string> { ["bootstrap.servers"] = cluster.BootstrapServers };
        topics = TopicAdmin.Create(new KafkaClientFactory(KafkaClientSettings.For(cluster.BootstrapServers)), control.Url);
    }

    public override TestBrokerKind Kind => TestBrokerKind.Embedded;

    public override string BootstrapServers => cluster.BootstrapServers;

    public override IReadOnlyDictionary<string, string> ClientSettings { get; }

    public override ITopicAdmin Topics => topics;

    protected override short ReplicationFactor => (short)cluster.BrokerCount;

    public override EmbeddedKafkaCluster Embedded => cluster;

    public override EmbeddedClusterControl EmbeddedControl => control;

    public override void Dispose()
    {
        topics.Dispose();
        control.Dispose();
        cluster.Dispose();
    }
}
