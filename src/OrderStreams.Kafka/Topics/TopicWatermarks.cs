using Confluent.Kafka;
using OrderStreams.Native;

namespace OrderStreams.Kafka.Topics;

/// <summary>Low and high watermarks of many partitions, asked in parallel (one ListOffsets round trip each).</summary>
public static class TopicWatermarks
{
    /// <param name="settings">librdkafka settings with at least <c>bootstrap.servers</c>.</param>
    /// <param name="partitions">The partitions to ask about.</param>
    /// <param name="timeout">How long each query may take.</param>
    public static IReadOnlyDictionary<TopicPartition, WatermarkOffsets> Query(IReadOnlyDictionary<string, string> settings, IEnumerable<TopicPartition> partitions, TimeSpan? timeout = null)
    {
        NativeLibraries.EnsureKafka();
        var config = new ConsumerConfig(TopicAdmin.ClientSettings(settings)) { GroupId = $"orderstreams-watermarks-{Guid.NewGuid():N}", EnableAutoCommit = false };
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(config).Build();
        return Query(consumer, partitions, timeout);
    }

    /// <summary>Asks through an existing consumer (its handle is safe to use from several threads for this).</summary>
    public static IReadOnlyDictionary<TopicPartition, WatermarkOffsets> Query<TKey, TValue>(IConsumer<TKey, TValue> consumer, IEnumerable<TopicPartition> partitions, TimeSpan? timeout = null) =>
        partitions.Distinct().AsParallel().WithDegreeOfParallelism(8)
            .Select(tp => (Partition: tp, Watermarks: consumer.QueryWatermarkOffsets(tp, timeout ?? TopicAdmin.DefaultRequestTimeout)))
            .ToDictionary(r => r.Partition, r => r.Watermarks);
}
