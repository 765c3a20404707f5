using Confluent.Kafka;
using OrderStreams.Kafka.Clients;
using OrderStreams.Kafka.Embedded;
using OrderStreams.Kafka.Topics;
using OrderStreams.Native;

namespace OrderStreams.Streams.Tests.Integration;

/// <summary>One embedded cluster (with its control endpoint) for the integration test collection.</summary>
public sealed class EmbeddedKafkaFixture : IDisposable
{
    public EmbeddedKafkaFixture()
    {
        NativeLibraries.EnsureKafka();
        Cluster = EmbeddedKafkaCluster.Start();
        Control = EmbeddedClusterControl.Start(Cluster);
        TopicAdmin = Kafka.Topics.TopicAdmin.Create(new KafkaClientFactory(KafkaClientSettings.For(Cluster.BootstrapServers)), Control.Url);
    }

    /// <summary>Creates the applications' internal topics through the control endpoint.</summary>
    public ITopicAdmin TopicAdmin { get; }

    public EmbeddedKafkaCluster Cluster { get; }

    public EmbeddedClusterControl Control { get; }

    public StreamsConfig Config(string applicationId, string stateDir) => new()
    {
        ApplicationId = applicationId,
        BootstrapServers = Cluster.BootstrapServers,
        TopicAdmin = TopicAdmin,
        ConsumerSettings = new()
        {
            ["session.timeout.ms"] = "6000",
            ["heartbeat.interval.ms"] = "500",
        },
        StateDir = stateDir,
        CommitInterval = TimeSpan.FromMilliseconds(200),
    };

    public void Produce(string topic, IEnumerable<(string Key, byte[] Value)> records)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = Cluster.BootstrapServers,
            Partitioner = Partitioner.Murmur2Random,
        }).Build();
        foreach (var (key, value) in records) producer.Produce(topic, new Message<string, byte[]> { Key = key, Value = value });
        producer.Flush(TimeSpan.FromSeconds(30));
    }

    /// <summary>Reads <paramref name="topic"/> from the beginning until <paramref name="until"/> holds for what was read, or the timeout passes.</summary>
    public List<ConsumeResult<byte[], byte[]>> ReadUntil(string topic, Func<IReadOnlyList<ConsumeResult<byte[], byte[]>>, bool> until, TimeSpan? timeout = null)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = Cluster.BootstrapServers,
            GroupId = $"reader-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        consumer.Subscribe(topic);
        var records = new List<ConsumeResult<byte[], byte[]>>();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!until(records) && DateTime.UtcNow < deadline)
        {
            var record = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (record is not null) records.Add(record);
        }
        consumer.Close();
        return records;
    }

    public void Dispose()
    {
        TopicAdmin.Dispose();
        Control.Dispose();
        Cluster.Dispose();
    }
}
