using Confluent.Kafka;
using OrderStreams.Kafka.Clients;
using OrderStreams.Kafka.Topics;
using OrderStreams.Streams;

namespace OrderStreams.Bench;

/// <summary>The cluster a bench runs against and the client settings every participant shares.</summary>
/// <param name="BootstrapServers">The cluster.</param>
/// <param name="ProducerSettings">librdkafka producer settings applied to every producer, baseline and runtime alike, so they compare fairly.</param>
/// <param name="ConsumerSettings">librdkafka consumer settings applied to every consumer.</param>
/// <param name="StateDirectory">Where pipelines under test keep local state.</param>
public sealed record BenchEnvironment(string BootstrapServers, IReadOnlyDictionary<string, string> ProducerSettings, IReadOnlyDictionary<string, string> ConsumerSettings, string StateDirectory)
{
    /// <summary>Creates the runtime's internal topics (on the embedded cluster, through its control endpoint); owned by the caller.</summary>
    public ITopicAdmin? TopicAdmin { get; init; }

    /// <summary>How often every pipeline commits (the pass-through's own loop commits at the same interval).</summary>
    public static TimeSpan CommitInterval { get; } = TimeSpan.FromSeconds(1);

    /// <summary>Makes every raw client of the bench from the same settings the runtime's clients get.</summary>
    public KafkaClientFactory Clients => new(new KafkaClientSettings(KafkaClientSettings.For(BootstrapServers).Common, ProducerSettings, ConsumerSettings));

    /// <summary>A producer with the shared producer settings.</summary>
    public IProducer<TKey, TValue> Producer<TKey, TValue>() => Clients.CreateProducer<TKey, TValue>();

    /// <summary>A consumer in <paramref name="groupId"/> that starts at the log start and commits only when asked.</summary>
    public IConsumer<TKey, TValue> Consumer<TKey, TValue>(string groupId) => Clients.CreateConsumer<TKey, TValue>(groupId, config =>
    {
        config.AutoOffsetReset = AutoOffsetReset.Earliest;
        config.EnableAutoCommit = false;
        config.PartitionAssignmentStrategy = PartitionAssignmentStrategy.Range;
    });

    /// <summary>A streams configuration with the shared client settings: one stream thread, state under <see cref="StateDirectory"/>.</summary>
    public StreamsConfig Streams(string applicationId)
    {
        return new StreamsConfig
        {
            ApplicationId = applicationId,
            BootstrapServers = BootstrapServers,
            TopicAdmin = TopicAdmin,
            ProducerSettings = ProducerSettings.ToDictionary(StringComparer.Ordinal),
            ConsumerSettings = ConsumerSettings.ToDictionary(StringComparer.Ordinal),
            StateDir = StateDirectory,
            CommitInterval = CommitInterval,
        };
    }
}
