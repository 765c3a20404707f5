using Confluent.Kafka;

namespace OrderStreams.EndToEnd.Tests.Platform;

/// <summary>Reads a topic from the beginning up to its end as it is now.</summary>
internal static class TopicReader
{
    public static IReadOnlyList<ConsumeResult<byte[], byte[]>> ReadAll(string bootstrapServers, string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"end-to-end-reader-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
            FetchWaitMaxMs = 10,
        }).Build();
        var records = new List<ConsumeResult<byte[], byte[]>>();
        var ends = Enumerable.Range(0, partitions)
            .Select(p => (Partition: new TopicPartition(topic, p), Watermarks: consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10))))
            .Where(p => p.Watermarks.High.Value > p.Watermarks.Low.Value)
            .ToDictionary(p => p.Partition.Partition.Value, p => p.Watermarks);
        consumer.Assign(ends.Select(e => new TopicPartitionOffset(topic, e.Key, e.Value.Low)));
        var next = ends.ToDictionary(e => e.Key, e => e.Value.Low.Value);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (next.Any(n => n.Value < ends[n.Key].High.Value))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{topic} stopped short of its end: {string.Join(", ", next.Select(n => $"[{n.Key}] {n.Value} of {ends[n.Key].High.Value}"))}.");
            if (consumer.Consume(TimeSpan.FromMilliseconds(500)) is not { } record || record.Offset.Value >= ends[record.Partition.Value].High.Value) continue;
            records.Add(record);
            next[record.Partition.Value] = record.Offset.Value + 1;
        }
        return records;
    }
}
