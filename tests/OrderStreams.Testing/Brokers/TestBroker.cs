using OrderStreams.Kafka.Embedded;
using OrderStreams.Kafka.Topics;

namespace OrderStreams.Testing.Brokers;

/// <summary>
/// The broker of a test collection, Apache Kafka or the embedded cluster (<see cref="TestBrokerSelection"/>). Tests
/// create topics through <see cref="Topics"/> and give clients <see cref="ClientSettings"/>, so they run on either.
/// </summary>
public abstract class TestBroker : IDisposable
{
    /// <summary>The Apache Kafka image the Docker broker runs: the one docker-compose.yml runs.</summary>
    public const string ApacheKafkaImage = "apache/kafka:4.1.1";

    public abstract TestBrokerKind Kind { get; }

    public abstract string BootstrapServers { get; }

    /// <summary>librdkafka settings every client of this broker needs (the bootstrap servers).</summary>
    public abstract IReadOnlyDictionary<string, string> ClientSettings { get; }

    /// <summary>Creates topics: the AdminClient on Apache Kafka, the control endpoint on the embedded broker.</summary>
    public abstract ITopicAdmin Topics { get; }

    /// <summary>Replicas of the topics tests create: one per broker.</summary>
    protected abstract short ReplicationFactor { get; }

    /// <summary>The embedded cluster, for tests that need a mock-only feature (they use <see cref="EmbeddedBrokerFactAttribute"/>).</summary>
    /// <exception cref="InvalidOperationException">The run is on Apache Kafka.</exception>
    public virtual EmbeddedKafkaCluster Embedded => throw NotEmbedded();

    /// <summary>The embedded cluster's control endpoint, for tests of the endpoint and of programs that take its URL.</summary>
    /// <exception cref="InvalidOperationException">The run is on Apache Kafka.</exception>
    public virtual EmbeddedClusterControl EmbeddedControl => throw NotEmbedded();

    /// <summary>
    /// The environment a service process needs to reach this broker (<c>Kafka__BootstrapServers</c>, and on the
    /// embedded broker <c>Kafka__EmbeddedAdminUrl</c>, which creates its internal topics there).
    /// </summary>
    public Dictionary<string, string> ServiceEnvironment()
    {
        var environment = new Dictionary<string, string> { ["Kafka__BootstrapServers"] = BootstrapServers };
        if (Kind == TestBrokerKind.Embedded) environment["Kafka__EmbeddedAdminUrl"] = EmbeddedControl.Url.ToString();
        return environment;
    }

    /// <summary>The broker <see cref="TestBrokerSelection.Current"/> selects, started. <paramref name="embeddedBrokers"/> sizes the embedded cluster.</summary>
    public static TestBroker Start(int embeddedBrokers = 3) => Start(TestBrokerSelection.Current, embeddedBrokers);

    /// <summary>The broker <paramref name="requested"/> (a value of <see cref="TestBrokerSelection.Variable"/>) selects, started.</summary>
    internal static TestBroker Start(string? requested, Func<bool> dockerReachable, int embeddedBrokers = 3) =>
        Start(TestBrokerSelection.Select(requested, dockerReachable), embeddedBrokers);

    public static TestBroker Start(TestBrokerKind kind, int embeddedBrokers = 3) => kind switch
    {
        TestBrokerKind.ApacheKafka => KafkaContainerBroker.Start(ApacheKafkaImage),
        _ => new EmbeddedBroker(embeddedBrokers),
    };

    /// <summary>Creates a topic with a name unique to this run (see <see cref="UniqueName"/>) and returns the name.</summary>
    public string CreateTopic(string prefix, int partitions = 12)
    {
        var name = UniqueName(prefix);
        CreateTopicNamed(name, partitions);
        return name;
    }

    /// <summary>Creates <paramref name="name"/> with a replica on every broker unless it exists.</summary>
    public void CreateTopicNamed(string name, int partitions)
    {
        var spec = new TopicSpec(name, partitions, ReplicationFactor, "delete", -1, "key", null, null, "a test topic");
        Topics.EnsureTopicsAsync([spec]).GetAwaiter().GetResult();
    }

    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 200)];

    public abstract void Dispose();

    private InvalidOperationException NotEmbedded() =>
        new($"This test needs the embedded broker, but the run is on {Kind} ({TestBrokerSelection.Variable}); mark it [EmbeddedBrokerFact].");
}
