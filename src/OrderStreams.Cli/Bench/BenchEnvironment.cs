using Confluent.Kafka;
using OrderStreams.Kafka.Clients;

namespace OrderStreams.Cli.Bench;

/// <summary>The cluster a bench runs against and the client settings every participant shares.</summary>
/// <param name="BootstrapServers">The cluster.</param>
/// <param name="ProducerSettings">librdkafka producer settings applied to every producer, baseline and runtime alike, so they compare fairly.</param>
/// <param name="ConsumerSettings">librdkafka consumer settings applied to every consumer.</param>
/// <param name="StateDirectory">Where pipelines under test keep local state.</param>
internal sealed record BenchEnvironment(string BootstrapServers, IReadOnlyDictionary<string, string> ProducerSettings, IReadOnlyDictionary<string, string> ConsumerSettings, string StateDirectory)
{
    public ProducerConfig Producer() =>
        KafkaClientDefaults.Producer(ProducerSettings.Append(new("bootstrap.servers", BootstrapServers)));

    public ConsumerConfig Consumer(string groupId) => new(ConsumerSettings.ToDictionary())
    {
        BootstrapServers = BootstrapServers,
        GroupId = groupId,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        EnableAutoCommit = false,
        PartitionAssignmentStrategy = PartitionAssignmentStrategy.Range,
    };
}
