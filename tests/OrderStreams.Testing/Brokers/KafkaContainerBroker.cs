using OrderStreams.Kafka.Clients;
using OrderStreams.Kafka.Topics;
using Testcontainers.Kafka;

namespace OrderStreams.Testing.Brokers;

/// <summary>One Apache Kafka node (KRaft, broker and controller) in Docker, started by Testcontainers.</summary>
internal sealed class KafkaContainerBroker : TestBroker
{
    private readonly KafkaContainer container;
    private readonly ITopicAdmin topics;

    private KafkaContainerBroker(KafkaContainer container)
    {
        this.container = container;
        BootstrapServers = container.GetBootstrapAddress();
        ClientSettings = new Dictionary<string, string> { ["bootstrap.servers"] = BootstrapServers };
        topics = TopicAdmin.Create(new KafkaClientFactory(KafkaClientSettings.For(BootstrapServers)));
    }

    public override TestBrokerKind Kind => TestBrokerKind.ApacheKafka;

    public override string BootstrapServers { get; }

    public override IReadOnlyDictionary<string, string> ClientSettings { get; }

    public override ITopicAdmin Topics => topics;

    protected override short ReplicationFactor => 1;

    public static KafkaContainerBroker Start(string image)
    {
        var container = new KafkaBuilder(image).WithKRaft().Build();
        container.StartAsync().GetAwaiter().GetResult();
        return new KafkaContainerBroker(container);
    }

    public override void Dispose()
    {
        topics.Dispose();
        container.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
