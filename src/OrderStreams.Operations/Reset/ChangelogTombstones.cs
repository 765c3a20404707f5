using Confluent.Kafka;
using OrderStreams.Kafka.Clients;

namespace OrderStreams.Operations.Reset;

/// <summary>
/// Empties changelogs on brokers that cannot delete topics: every key whose latest record is a value gets a tombstone,
/// so a store restored from the changelog ends up empty, now and after any later full restore.
/// </summary>
internal static class ChangelogTombstones
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Writes the tombstones and returns how many.</summary>
    public static long Write(KafkaClientFactory clients, IEnumerable<InternalTopic> changelogs)
    {
        using var consumer = clients.CreateConsumer<byte[], byte[]>($"orderstreams-reset-{Guid.NewGuid():N}", config =>
        {
            config.EnableAutoCommit = false;
            config.AutoOffsetReset = AutoOffsetReset.Earliest;
        });
        using var producer = clients.CreateProducer<byte[], byte[]>();
        Error? failure = null;
        long written = 0;
        foreach (var changelog in changelogs)
        {
            for (var partition = 0; partition < changelog.Partitions; partition++)
            {
                var tp = new TopicPartition(changelog.Name, partition);
                foreach (var key in LiveKeys(consumer, tp))
                {
                    producer.Produce(tp, new Message<byte[], byte[]> { Key = key, Value = null! }, report =>
                    {
                        if (report.Error.IsError) failure ??= report.Error;
                    });
                    written++;
                }
            }
        }
        if (producer.Flush(TimeSpan.FromSeconds(60)) > 0) throw new TimeoutException("Tombstones were not all delivered within a minute.");
        if (failure is not null) throw new KafkaException(failure);
        return written;
    }

    private static List<byte[]> LiveKeys(IConsumer<byte[], byte[]> consumer, TopicPartition partition)
    {
        var watermarks = consumer.QueryWatermarkOffsets(partition, RequestTimeout);
        var (low, high) = (watermarks.Low.Value, watermarks.High.Value);
        var latest = new Dictionary<string, (byte[] Key, bool Alive)>(StringComparer.Ordinal);
        if (low >= high) return [];
        consumer.Assign(new TopicPartitionOffset(partition, low));
        while (true)
        {
            var record = consumer.Consume(RequestTimeout)
                ?? throw new TimeoutException($"Reading {partition} stopped getting records before its end offset {high}.");
            if (record.Message.Key is { } key) latest[Convert.ToBase64String(key)] = (key, record.Message.Value is not null);
            if (record.Offset.Value + 1 >= high) break;
        }
        consumer.Unassign();
        return latest.Values.Where(k => k.Alive).Select(k => k.Key).ToList();
    }
}
