using System.Diagnostics;
using Confluent.Kafka;
using OrderStreams.Kafka.Clients;

namespace OrderStreams.Bench;

/// <summary>
/// The restore's ceiling: a plain Confluent.Kafka consumer reading a changelog to its end and counting the records,
/// as an application would read a topic it rebuilds from (every partition assigned at its low watermark, no group,
/// the bench's consumer settings and the runtime's restore fetch sizes). Nothing is stored, so restore cannot
/// exceed it by writing less; it can only by reading faster (the runtime reads with librdkafka's batch API).
/// </summary>
public static class RestoreCeiling
{
    /// <summary>Reads every record of <paramref name="topic"/>; the time runs from the assignment to the last end offset.</summary>
    public static (long Records, double Seconds) Measure(BenchEnvironment environment, string topic, int partitions, TimeSpan timeout)
    {
        // Fetching as the runtime's restore consumer does, so the ceiling differs from it only in how it reads.
        using var consumer = environment.Clients.CreateConsumer<byte[], byte[]>(
            $"bench-restore-ceiling-{Guid.NewGuid():N}", KafkaClientDefaults.ForBulkRead);
        var ranges = Enumerable.Range(0, partitions)
            .Select(p => (Partition: p, Offsets: consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(30))))
            .Where(p => p.Offsets.Low < p.Offsets.High)
            .ToList();
        var ends = ranges.ToDictionary(p => p.Partition, p => p.Offsets.High.Value);

        var clock = Stopwatch.StartNew();
        // A concrete offset, as the restore assigns: Offset.Beginning costs a fresh consumer a 500 ms retry.
        consumer.Assign(ranges.Select(p => new TopicPartitionOffset(topic, p.Partition, p.Offsets.Low)));
        long records = 0;
        while (ends.Count > 0)
        {
            if (clock.Elapsed > timeout)
                throw new TimeoutException(
                    $"The restore ceiling read {records:N0} records of {topic} in {timeout}; {ends.Count} partitions unfinished.");
            if (consumer.Consume(100) is not { } result || !ends.TryGetValue(result.Partition.Value, out var end)) continue;
            records++;
            if (result.Offset.Value + 1 >= end) ends.Remove(result.Partition.Value);
        }
        var seconds = clock.Elapsed.TotalSeconds;
        consumer.Close();
        return (records, seconds);
    }
}
