using System.Text;
using Confluent.Kafka;
using OrderStreams.Kafka.Clients;

namespace OrderStreams.Testing;

/// <summary>
/// Pushes more into one partition than the embedded broker keeps (about the last 5 MB), so the start of its log is
/// dropped, as retention drops it on Apache Kafka.
/// </summary>
public static class LogOverflow
{
    /// <summary>Enough 1 KB records to pass 5 MB by a sixth.</summary>
    public const int DefaultRecords = 6_000;

    private static readonly byte[] Value = Encoding.UTF8.GetBytes(new string('v', 1024));

    /// <summary>
    /// Appends <paramref name="records"/> records (key <c>key-i</c>, a 1 KB text value, timestamp
    /// <paramref name="start"/> + i seconds, i counting from 0) and returns the partition's low watermark afterwards.
    /// </summary>
    public static long Fill(string bootstrapServers, TopicPartition partition, DateTimeOffset start, int records = DefaultRecords)
    {
        var config = KafkaClientDefaults.Producer([new("bootstrap.servers", bootstrapServers)]);
        config.LingerMs = 20;
        using var producer = new ProducerBuilder<byte[], byte[]>(config).Build();
        for (var i = 0; i < records; i++)
        {
            var message = new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes($"key-{i}"), Value = Value, Timestamp = new Timestamp(start.AddSeconds(i)) };
            while (true)
            {
                try
                {
                    producer.Produce(partition, message);
                    break;
                }
                catch (ProduceException<byte[], byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(50));
                }
            }
        }
        if (producer.Flush(TimeSpan.FromSeconds(60)) > 0) throw new TimeoutException($"Not every record reached {partition} within a minute.");
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = "log-overflow" }).Build();
        return consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10)).Low.Value;
    }
}
