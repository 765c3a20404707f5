using Confluent.Kafka;
using OrderStreams.Kafka.Embedded;
using OrderStreams.Testing.Brokers;

namespace OrderStreams.Testing.Tests.Brokers;

/// <summary>The embedded broker through the same surface the suites use on Apache Kafka (which needs Docker, absent here).</summary>
public sealed class TestBrokerTests : IDisposable
{
    private readonly TestBroker broker = TestBroker.Start(TestBrokerKind.Embedded, embeddedBrokers: 1);

    [Fact]
    public void CreateTopic_ThroughTheTopicAdmin_ClientsSeeItsPartitions()
    {
        var topic = broker.CreateTopic("broker-topic", partitions: 5);
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = broker.BootstrapServers }).Build();

        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10));

        Assert.Equal(5, Assert.Single(metadata.Topics).Partitions.Count);
    }

    [Fact]
    public void ServiceEnvironment_Embedded_CarriesTheControlUrl()
    {
        var environment = broker.ServiceEnvironment();

        Assert.Equal(broker.BootstrapServers, environment["Kafka__BootstrapServers"]);
        Assert.Equal(broker.EmbeddedControl.Url.ToString(), environment["Kafka__EmbeddedAdminUrl"]);
        Assert.DoesNotContain(EmbeddedClusterControl.UrlSetting, broker.ClientSettings.Keys);
    }

    [Fact]
    public void Start_DockerRequestedWithoutEngine_FailsInsteadOfFallingBackToTheEmbeddedBroker()
    {
        var error = Assert.Throws<InvalidOperationException>(() => TestBroker.Start("docker", dockerReachable: () => false, embeddedBrokers: 1));

        Assert.Contains("no Docker engine answers", error.Message);
    }

    [Fact]
    public void Start_UnsetWithoutEngine_StartsTheEmbeddedBroker()
    {
        using var fallback = TestBroker.Start(null, dockerReachable: () => false, embeddedBrokers: 1);

        Assert.Equal(TestBrokerKind.Embedded, fallback.Kind);
        Assert.NotNull(fallback.Embedded);
    }

    public void Dispose() => broker.Dispose();
}
