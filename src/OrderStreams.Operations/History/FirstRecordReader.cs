using Confluent.Kafka;
using OrderStreams.Kafka.Clients;

namespace OrderStreams.Operations.History;

/// <summary>
/// Reads the timestamp of the first record still in a partition's log, by reading that record: the embedded broker
/// answers timestamp lookups (ListOffsets by time) with -1. Answers are kept per log start, so a partition is read
/// again only after its start moved (an empty partition is asked again each time).
/// </summary>
public sealed class FirstRecordReader(KafkaClientFactory clients) : IDisposable
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);
    private readonly Dictionary<(string Topic, int Partition, long LogStart), DateTimeOffset> known = [];
    private IConsumer<Ignore, Ignore>? consumer;

    /// <summary>The first retained record's time of each partition, given its watermarks; null where the log holds no record.</summary>
    /// <exception cref="TimeoutException">A partition with records gave none within the timeout.</exception>
    public IReadOnlyDictionary<TopicPartition, DateTimeOffset?> Read(IReadOnlyDictionary<TopicPartition, WatermarkOffsets> partitions)
    {
        var toRead = partitions.Where(p => p.Value.Low.Value < p.Value.High.Value && !known.ContainsKey(Key(p.Key, p.Value)))
            .ToDictionary(p => p.Key, p => p.Value);
        if (toRead.Count > 0) ReadFirstRecords(toRead);
        return partitions.ToDictionary(p => p.Key, p => p.Value.Low.Value < p.Value.High.Value ? known[Key(p.Key, p.Value)] : (DateTimeOffset?)null);
    }

    public void Dispose() => consumer?.Dispose();

    private static (string, int, long) Key(TopicPartition partition, WatermarkOffsets watermarks) =>
        (partition.Topic, partition.Partition.Value, watermarks.Low.Value);

    private void ReadFirstRecords(Dictionary<TopicPartition, WatermarkOffsets> partitions)
    {
        consumer ??= clients.CreateConsumer<Ignore, Ignore>($"orderstreams-history-{Guid.NewGuid():N}", config =>
        {
            config.EnableAutoCommit = false;
            config.EnablePartitionEof = false;
            config.AutoOffsetReset = AutoOffsetReset.Earliest;
        });
        consumer.Assign(partitions.Select(p => new TopicPartitionOffset(p.Key, p.Value.Low)));
        var waiting = partitions.Keys.ToHashSet();
        var deadline = DateTime.UtcNow + ReadTimeout;
        try
        {
            while (waiting.Count > 0)
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                    throw new TimeoutException($"No record read from {string.Join(", ", waiting)} within {ReadTimeout.TotalSeconds:F0} s, though their logs hold some.");
                if (consumer.Consume(left) is not { } record || !waiting.Remove(record.TopicPartition)) continue;
                known[Key(record.TopicPartition, partitions[record.TopicPartition])] = record.Message.Timestamp.UtcDateTime;
            }
        }
        finally
        {
            consumer.Unassign();
        }
    }
}
