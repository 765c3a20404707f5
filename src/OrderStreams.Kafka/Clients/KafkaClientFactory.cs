using Confluent.Kafka;
using OrderStreams.Native;

namespace OrderStreams.Kafka.Clients;

/// <summary>
/// Builds every producer, consumer and admin client of a program from one <see cref="KafkaClientSettings"/>, with
/// the defaults every OrderStreams client shares (<see cref="KafkaClientDefaults"/>), on the librdkafka
/// <see cref="NativeLibraries.EnsureKafka"/> loads.
/// </summary>
public sealed class KafkaClientFactory(KafkaClientSettings settings)
{
    public KafkaClientSettings Settings { get; } = settings;

    /// <summary>A producer config: the settings, then our partitioner, idempotence and linger unless set.</summary>
    public ProducerConfig ProducerConfig() => KafkaClientDefaults.Producer(Settings.ForProducer());

    /// <summary>A consumer config: the settings, with <paramref name="groupId"/> when given.</summary>
    public ConsumerConfig ConsumerConfig(string? groupId = null)
    {
        var config = new ConsumerConfig(Settings.ForConsumer());
        if (groupId is not null) config.GroupId = groupId;
        return config;
    }

    /// <summary>A producer; <paramref name="configure"/> adjusts its config (a transactional id, ...) before it is built.</summary>
    public IProducer<TKey, TValue> CreateProducer<TKey, TValue>(
        Action<ProducerConfig>? configure = null, Action<ProducerBuilder<TKey, TValue>>? build = null)
    {
        NativeLibraries.EnsureKafka();
        var config = ProducerConfig();
        configure?.Invoke(config);
        var builder = new ProducerBuilder<TKey, TValue>(config);
        build?.Invoke(builder);
        return builder.Build();
    }

    /// <summary>A consumer; <paramref name="configure"/> adjusts its config, <paramref name="build"/> adds handlers and deserializers.</summary>
    public IConsumer<TKey, TValue> CreateConsumer<TKey, TValue>(
        string? groupId = null, Action<ConsumerConfig>? configure = null, Action<ConsumerBuilder<TKey, TValue>>? build = null)
    {
        NativeLibraries.EnsureKafka();
        var config = ConsumerConfig(groupId);
        configure?.Invoke(config);
        var builder = new ConsumerBuilder<TKey, TValue>(config);
        build?.Invoke(builder);
        return builder.Build();
    }

    /// <summary>An admin client on the common settings.</summary>
    public IAdminClient CreateAdmin()
    {
        NativeLibraries.EnsureKafka();
        return new AdminClientBuilder(Settings.ForAdmin()).Build();
    }
}
