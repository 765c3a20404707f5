using Confluent.Kafka;

namespace OrderStreams.Cli.Tests.Platform;

/// <summary>The latest value of every key of a compacted topic, read from the log (the embedded broker does not compact).</summary>
internal static class ViewSnapshot
{
    public static Dictionary<string, string> Read(string bootstrapServers, string topic)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"view-snapshot-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        };
        using var consumer = new ConsumerBuilder<string, byte[]>(config).Build();
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions.Select(p => new TopicPartition(topic, p.PartitionId)).ToList();
        var latest = new Dictionary<string, string>();
        foreach (var partition in partitions)
        {
            var end = consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10)).High.Value;
            if (end == 0) continue;
            consumer.Assign(new TopicPartitionOffset(partition, Offset.Beginning));
            while (consumer.Consume(TimeSpan.FromSeconds(30)) is { } record)
            {
                latest[record.Message.Key] = Convert.ToBase64String(record.Message.Value ?? []);
                if (record.Offset.Value + 1 >= end) break;
            }
        }
        return latest;
    }

    /// <summary>The sum of the end offsets of <paramref name="topic"/>: it stops moving when nothing writes to it.</summary>
    public static long EndOffsets(string bootstrapServers, string topic)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = "end-offsets" }).Build();
        return Enumerable.Range(0, 12).Sum(p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10)).High.Value);
    }
}
