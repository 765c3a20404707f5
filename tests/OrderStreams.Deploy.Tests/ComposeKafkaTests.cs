using OrderStreams.Deploy.Tests.Support;
using OrderStreams.Testing.Brokers;

namespace OrderStreams.Deploy.Tests;

/// <summary>The compose file's Kafka: one Apache Kafka 4 node in KRaft mode, broker and controller, kafka:9092 inside, localhost:9094 outside.</summary>
public sealed class ComposeKafkaTests
{
    private static readonly Dictionary<object, object> Kafka = ComposeFile.Services["kafka"];
    private static readonly Dictionary<string, string> Environment = Yaml.Environment(Kafka.GetValueOrDefault("environment"));

    [Fact]
    public void Image_IsApacheKafka4_TheOneTheTestBrokerRuns()
    {
        var image = Kafka.Str("image")!;
        var (repository, version) = (image.Split(':')[0], Version.Parse(image.Split(':')[1]));

        Assert.Equal("apache/kafka", repository);
        Assert.True(version.Major >= 4, $"{image}: Kafka 4 or later (KRaft only, KIP-848 consumer groups).");
        Assert.Equal(TestBroker.ApacheKafkaImage, image);
    }

    [Fact]
    public void Environment_OneNodeIsBrokerAndItsOwnKRaftController()
    {
        Assert.Equal("broker,controller", Environment["KAFKA_PROCESS_ROLES"]);
        Assert.Equal($"{Environment["KAFKA_NODE_ID"]}@kafka:{ListenerPort("CONTROLLER")}", Environment["KAFKA_CONTROLLER_QUORUM_VOTERS"]);
        Assert.Equal("CONTROLLER", Environment["KAFKA_CONTROLLER_LISTENER_NAMES"]);
        Assert.Matches("^[A-Za-z0-9_-]{22}$", Environment["CLUSTER_ID"]);
        Assert.DoesNotContain(Environment.Keys, key => key.Contains("ZOOKEEPER", StringComparison.Ordinal));
        Assert.Contains(Environment["KAFKA_LOG_DIRS"], Kafka.Seq("volumes").Cast<string>().Select(v => v.Split(':')[1]));
    }

    [Fact]
    public void Listeners_ContainersUseKafka9092_TheHostLocalhost9094()
    {
        var advertised = Listeners("KAFKA_ADVERTISED_LISTENERS");
        var protocols = Environment["KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"].Split(',').Select(p => p.Split(':')).ToDictionary(p => p[0], p => p[1]);

        Assert.Equal("kafka:9092", advertised[Environment["KAFKA_INTER_BROKER_LISTENER_NAME"]]);
        Assert.Equal("localhost:9094", advertised.Single(l => l.Key != Environment["KAFKA_INTER_BROKER_LISTENER_NAME"]).Value);
        Assert.DoesNotContain("CONTROLLER", advertised.Keys);
        Assert.All(Listeners("KAFKA_LISTENERS").Keys, name => Assert.Equal("PLAINTEXT", protocols[name]));
        Assert.Equal(["9094:9094"], Kafka.Seq("ports").Cast<string>());
        Assert.Equal("9094", ListenerPort(advertised.Single(l => l.Value == "localhost:9094").Key));
    }

    [Fact]
    public void InternalTopics_HaveOneReplicaOnTheSingleBroker()
    {
        foreach (var key in Environment.Keys.Where(k => k.EndsWith("REPLICATION_FACTOR", StringComparison.Ordinal) || k.EndsWith("MIN_ISR", StringComparison.Ordinal)))
            Assert.Equal("1", Environment[key]);
        Assert.Equal("1", Environment["KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"]);
        Assert.Equal("1", Environment["KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR"]);
    }

    private static Dictionary<string, string> Listeners(string variable) =>
        Environment[variable].Split(',').Select(l => l.Split("://")).ToDictionary(l => l[0], l => l[1]);

    private static string ListenerPort(string name) => Listeners("KAFKA_LISTENERS")[name].Split(':')[^1];
}
