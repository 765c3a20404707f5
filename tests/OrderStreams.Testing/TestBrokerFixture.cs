using Confluent.Kafka;
using OrderStreams.Kafka.Clients;
using OrderStreams.Kafka.Embedded;
using OrderStreams.Testing.Brokers;

namespace OrderStreams.Testing;

/// <summary>
/// One test broker (<see cref="TestBroker"/>: Apache Kafka in Docker or the embedded cluster) shared by a test collection:
/// <c>[CollectionDefinition(...)] class X : ICollectionFixture&lt;TestBrokerFixture&gt;</c>.
/// Tests create their own uniquely named topics so they never see each other's records.
/// </summary>
public sealed class TestBrokerFixture : IDisposable
{
    public TestBroker Broker { get; } = TestBroker.Start();

    public string BootstrapServers => Broker.BootstrapServers;

    /// <summary>The embedded cluster; only tests marked <see cref="EmbeddedBrokerFactAttribute"/> use it.</summary>
    public EmbeddedKafkaCluster Cluster => Broker.Embedded;

    /// <summary>The embedded cluster's control endpoint; only tests marked <see cref="EmbeddedBrokerFactAttribute"/> use it.</summary>
    public EmbeddedClusterControl Control => Broker.EmbeddedControl;

    /// <summary>Creates a topic with a name unique to this run and returns the name.</summary>
    public string CreateTopic(string prefix, int partitions = 12) => Broker.CreateTopic(prefix, partitions);

    public static string UniqueName(string prefix) => TestBroker.UniqueName(prefix);

    public ProducerConfig ProducerConfig() => KafkaClientDefaults.Producer([new("bootstrap.servers", BootstrapServers)]);

    public ConsumerConfig ConsumerConfig(string groupId) => new()
    {
        BootstrapServers = BootstrapServers,
        GroupId = groupId,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        EnableAutoCommit = false,
    };

    public void Dispose() => Broker.Dispose();
}
