using Confluent.Kafka;
using OrderStreams.Kafka.Clients;
using OrderStreams.Kafka.Embedded;

namespace OrderStreams.Testing;

/// <summary>
/// One embedded Kafka cluster (with its topic control endpoint) shared by a test collection:
/// <c>[CollectionDefinition(...)] class X : ICollectionFixture&lt;EmbeddedKafkaFixture&gt;</c>.
/// Tests create their own uniquely named topics so they never see each other's records.
/// </summary>
public sealed class EmbeddedKafkaFixture : IDisposable
{
    public EmbeddedKafkaFixture()
    {
        Cluster = EmbeddedKafkaCluster.Start();
        Control = EmbeddedClusterControl.Start(Cluster);
    }

    public EmbeddedKafkaCluster Cluster { get; }

    public EmbeddedClusterControl Control { get; }

    public string BootstrapServers => Cluster.BootstrapServers;

    /// <summary>Creates a topic with a name unique to this run and returns the name.</summary>
    public string CreateTopic(string prefix, int partitions = 12)
    {
        var name = UniqueName(prefix);
        Cluster.CreateTopic(name, partitions);
        return name;
    }

    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 200)];

    public ProducerConfig ProducerConfig() => KafkaClientDefaults.Producer([new("bootstrap.servers", BootstrapServers)]);

    public ConsumerConfig ConsumerConfig(string groupId) => new()
    {
        BootstrapServers = BootstrapServers,
        GroupId = groupId,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        EnableAutoCommit = false,
    };

    public void Dispose()
    {
        Control.Dispose();
        Cluster.Dispose();
    }
}
