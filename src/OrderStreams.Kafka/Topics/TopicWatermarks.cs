using System.Runtime.ExceptionServices;
using Confluent.Kafka;
using OrderStreams.Kafka.Clients;

namespace OrderStreams.Kafka.Topics;

/// <summary>Low and high watermarks of many partitions, asked in parallel (one ListOffsets round trip each).</summary>
public static class TopicWatermarks
{
    /// <param name="clients">Makes the consumer that asks.</param>
    /// <param name="partitions">The partitions to ask about.</param>
    /// <param name="timeout">How long each query may take.</param>
    public static IReadOnlyDictionary<TopicPartition, WatermarkOffsets> Query(KafkaClientFactory clients, IEnumerable<TopicPartition> partitions, TimeSpan? timeout = null)
    {
        using var consumer = clients.CreateConsumer<Ignore, Ignore>($"orderstreams-watermarks-{Guid.NewGuid():N}", c => c.EnableAutoCommit = false);
        return Query(consumer, partitions, timeout);
    }

    /// <summary>Asks through an existing consumer (its handle is safe to use from several threads for this).</summary>
    /// <exception cref="KafkaException">A query failed (a broker down, a timeout).</exception>
    public static IReadOnlyDictionary<TopicPartition, WatermarkOffsets> Query<TKey, TValue>(IConsumer<TKey, TValue> consumer, IEnumerable<TopicPartition> partitions, TimeSpan? timeout = null)
    {
        try
        {
            return partitions.Distinct().AsParallel().WithDegreeOfParallelism(8)
                .Select(tp => (Partition: tp, Watermarks: consumer.QueryWatermarkOffsets(tp, timeout ?? TopicAdmin.DefaultRequestTimeout)))
                .ToDictionary(r => r.Partition, r => r.Watermarks);
        }
        catch (AggregateException e) when (e.InnerExceptions.OfType<KafkaException>().FirstOrDefault() is { } failed)
        {
            // PLINQ wraps what a query threw; callers handle the Kafka error as from any other request.
            ExceptionDispatchInfo.Throw(failed);
            throw;
        }
    }
}
