using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using OrderStreams.Kafka.Clients;

namespace OrderStreams.Streams.Internals.Engine;

/// <summary>
/// Who owns which partitions, for interactive queries: every instance writes <c>host:port → partitions</c> to the
/// compacted single-partition topic <c>&lt;application.id&gt;-instances</c> whenever its assignment changes (and a
/// tombstone on close), and reads the topic back. Works alike on Apache Kafka and the embedded broker, needs no
/// group internals, and the newest claim for a partition wins, so a crashed instance's stale claim is overridden by
/// the instance that took its partitions over.
/// </summary>
internal sealed class InstanceRegistry : IDisposable
{
    private readonly IProducer<byte[], byte[]> producer;
    private readonly IConsumer<byte[], byte[]> consumer;
    private readonly string topic;
    private readonly string? self;
    private readonly ConcurrentDictionary<string, (IReadOnlySet<int> Partitions, long Timestamp)> instances = new(StringComparer.Ordinal);
    private readonly Thread reader;
    private readonly ILogger logger;
    private volatile bool running = true;

    public InstanceRegistry(EngineContext engine)
    {
        var config = engine.Config;
        topic = TopicFor(config.ApplicationId);
        self = config.ApplicationServer;
        logger = engine.LoggerFactory.CreateLogger("OrderStreams.Streams.InstanceRegistry");
        producer = engine.Clients.CreateProducer<byte[], byte[]>(producerConfig => producerConfig.LingerMs = 0);
        consumer = engine.Clients.CreateConsumer<byte[], byte[]>($"{config.ApplicationId}-instances-{engine.ProcessId}", consumerConfig =>
        {
            consumerConfig.EnableAutoCommit = false;
            consumerConfig.AutoOffsetReset = AutoOffsetReset.Earliest;
        });
        // A concrete offset and a producer that knows the topic: with Offset.Beginning a fresh consumer resolves the
        // offset only after a 500 ms retry, and a fresh producer holds its first record until a metadata scan.
        var partition = new TopicPartition(topic, 0);
        consumer.Assign(new TopicPartitionOffset(partition, consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(30)).Low));
        producer.LearnTopic(topic, TimeSpan.FromSeconds(30));
        reader = new Thread(Read) { Name = $"{config.ApplicationId}-InstanceRegistry", IsBackground = true };
        reader.Start();
    }

    public static string TopicFor(string applicationId) => $"{applicationId}-instances";

    public void Publish(IEnumerable<int> partitions)
    {
        if (self is null) return;
        var value = string.Join(",", partitions.Distinct().Order().Select(p => p.ToString(CultureInfo.InvariantCulture)));
        producer.Produce(topic, new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes(self), Value = Encoding.UTF8.GetBytes(value) });
    }

    public IReadOnlyList<StreamsMetadata> All() =>
        instances.Select(i => Metadata(i.Key, i.Value.Partitions)).OfType<StreamsMetadata>().ToList();

    public StreamsMetadata? Owner(int partition) =>
        instances.Where(i => i.Value.Partitions.Contains(partition)).OrderByDescending(i => i.Value.Timestamp)
            .Select(i => Metadata(i.Key, i.Value.Partitions)).FirstOrDefault();

    public void Dispose()
    {
        if (self is not null)
        {
            producer.Produce(topic, new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes(self), Value = null! });
            producer.Flush(TimeSpan.FromSeconds(5));
        }
        running = false;
        reader.Join(TimeSpan.FromSeconds(5));
        consumer.Close();
        consumer.Dispose();
        producer.Dispose();
    }

    private void Read()
    {
        while (running)
        {
            try
            {
                var record = consumer.Consume(TimeSpan.FromMilliseconds(200));
                if (record?.Message?.Key is null) continue; // partition EOF events carry no message
                var host = Encoding.UTF8.GetString(record.Message.Key);
                if (record.Message.Value is null)
                {
                    instances.TryRemove(host, out _);
                    continue;
                }
                var partitions = Encoding.UTF8.GetString(record.Message.Value)
                    .Split(',', StringSplitOptions.RemoveEmptyEntries)
                    .Select(p => int.Parse(p, CultureInfo.InvariantCulture))
                    .ToHashSet();
                instances[host] = (partitions, record.Message.Timestamp.UnixTimestampMs);
            }
            catch (Exception e) when (e is ConsumeException or FormatException)
            {
                logger.LogWarning(e, "Skipping an unreadable record of {Topic}", topic);
            }
        }
    }

    private static StreamsMetadata? Metadata(string hostPort, IReadOnlySet<int> partitions)
    {
        var colon = hostPort.LastIndexOf(':');
        return colon > 0 && int.TryParse(hostPort[(colon + 1)..], CultureInfo.InvariantCulture, out var port)
            ? new StreamsMetadata(hostPort[..colon], port, partitions)
            : null;
    }
}
