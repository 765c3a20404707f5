using Confluent.Kafka;

namespace OrderStreams.Kafka.Clients;

/// <summary>Settings every OrderStreams client shares, whatever cluster it talks to.</summary>
public static class KafkaClientDefaults
{
    /// <summary>
    /// Java's default partitioner (murmur2 of the key; random for null keys), so a branch lands on the same
    /// partition whether a .NET or a JVM client produced it. librdkafka's default (consistent_random) differs.
    /// </summary>
    public const Partitioner KeyPartitioner = Partitioner.Murmur2Random;

    /// <summary>A producer config with our partitioner, idempotence and the given librdkafka settings passed through.</summary>
    public static ProducerConfig Producer(IEnumerable<KeyValuePair<string, string>> settings)
    {
        var config = new ProducerConfig(settings.ToDictionary())
        {
            Partitioner = KeyPartitioner,
        };
        config.EnableIdempotence ??= true;
        config.LingerMs ??= 5;
        return config;
    }

    /// <summary>
    /// Fetch sizes for reading a changelog or a topic to its end (state restore): large fetches, and fetching ahead
    /// while the reader writes what it has.
    /// </summary>
    public static void ForBulkRead(ConsumerConfig config)
    {
        config.FetchMaxBytes = 64 * 1024 * 1024;
        config.MaxPartitionFetchBytes = 8 * 1024 * 1024;
        config.QueuedMinMessages = 1_000_000;
    }

    /// <summary>The partition murmur2 assigns <paramref name="key"/> to: Kafka's <c>Utils.toPositive(murmur2(key)) % n</c>.</summary>
    public static int PartitionFor(ReadOnlySpan<byte> key, int partitionCount) =>
        (int)((Murmur2.Hash(key) & 0x7fffffff) % (uint)partitionCount);
}
