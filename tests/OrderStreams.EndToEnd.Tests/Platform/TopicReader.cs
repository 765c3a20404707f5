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
        }).Build();
        var records = new List<ConsumeResult<byte[], byte[]>>();
        for (var p = 0; p < partitions; p++)
        {
            var partition = new TopicPartition(topic, p);
            var end = consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10));
            if (end.High.Value <= end.Low.Value) continue;
            consumer.Assign(new TopicPartitionOffset(partition, end.Low));
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            for (var next = end.Low.Value; next < end.High.Value;)
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"{partition} stopped at offset {next} before its end {end.High.Value}.");
                if (consumer.Consume(TimeSpan.FromMilliseconds(500)) is not { } record) continue;
                records.Add(record);
                next = record.Offset.Value + 1;
            }
        }
        return records;
    }
}
