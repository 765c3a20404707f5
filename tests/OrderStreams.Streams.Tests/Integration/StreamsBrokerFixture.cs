using Confluent.Kafka;
using OrderStreams.Native;
using OrderStreams.Testing.Brokers;

namespace OrderStreams.Streams.Tests.Integration;

/// <summary>The test broker (Apache Kafka in Docker or the embedded cluster) of the integration test collection.</summary>
public sealed class StreamsBrokerFixture : IDisposable
{
    public StreamsBrokerFixture()
    {
        NativeLibraries.EnsureKafka();
        Broker = TestBroker.Start();
    }

    public TestBroker Broker { get; }

    public string BootstrapServers => Broker.BootstrapServers;

    /// <summary>Creates <paramref name="name"/> with <paramref name="partitions"/> partitions.</summary>
    public void CreateTopic(string name, int partitions) => Broker.CreateTopicNamed(name, partitions);

    /// <summary>
    /// A config for this broker; classic groups get a short session so a stopped member leaves quickly (KIP-848 groups
    /// take session timing from the broker).
    /// </summary>
    public StreamsConfig Config(string applicationId, string stateDir, ConsumerGroupProtocol groupProtocol = ConsumerGroupProtocol.Classic) => new()
    {
        ApplicationId = applicationId,
        BootstrapServers = BootstrapServers,
        TopicAdmin = Broker.Topics,
        KafkaSettings = Broker.ClientSettings.Where(s => s.Key != "bootstrap.servers").ToDictionary(),
        ConsumerSettings = groupProtocol == ConsumerGroupProtocol.Classic
            ? new() { ["session.timeout.ms"] = "6000", ["heartbeat.interval.ms"] = "500" }
            : [],
        GroupProtocol = groupProtocol,
        StateDir = stateDir,
        CommitInterval = TimeSpan.FromMilliseconds(200),
    };

    public void Produce(string topic, IEnumerable<(string Key, byte[] Value)> records)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = BootstrapServers,
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
            BootstrapServers = BootstrapServers,
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

    public void Dispose() => Broker.Dispose();
}
