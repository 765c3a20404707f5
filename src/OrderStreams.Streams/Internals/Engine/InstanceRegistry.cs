using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using OrderStreams.Kafka.Clients;

namespace OrderStreams.Streams.Internals.Engine;

/// <summary>
/// Who owns which partitions, for interactive queries: every instance writes <c>host:port → claim id;partitions</c> to
/// the compacted single-partition topic <c>&lt;application.id&gt;-instances</c> whenever its assignment changes (a new
/// claim id), repeats it every <see cref="HeartbeatInterval"/> (same id), writes a tombstone on close, and reads the
/// topic back into <see cref="PartitionClaims"/>: the newest claim on a partition wins and an instance silent for
/// <see cref="Expiry"/> owns nothing, so a crashed instance (which writes no tombstone) drops out once another took
/// its partitions or its heartbeat stopped. Works alike on Apache Kafka and the embedded broker, needs no group
/// internals and compares no clocks between machines.
/// </summary>
internal sealed class InstanceRegistry : IDisposable
{
    private readonly IProducer<byte[], byte[]> producer;
    private readonly IConsumer<byte[], byte[]> consumer;
    private readonly string topic;
    private readonly string? self;
    private readonly PartitionClaims claims = new(Expiry);
    private readonly Lock gate = new();
    private readonly Thread reader;
    private readonly Timer heartbeat;
    private readonly ILogger logger;
    private readonly string processId;
    private string? claimed;
    private string? claim;
    private int claimNumber;
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
            // Claims come every HeartbeatInterval, so the hop latency a deployment may tune its consumers for (a short
            // fetch.wait.max.ms, which on the embedded broker means a fetch every few milliseconds) buys nothing here.
            consumerConfig.FetchWaitMaxMs = RegistryFetchWaitMaxMs;
        });
        // A concrete offset and a producer that knows the topic: with Offset.Beginning a fresh consumer resolves the
        // offset only after a 500 ms retry, and a fresh producer holds its first record until a metadata scan.
        var partition = new TopicPartition(topic, 0);
        consumer.Assign(new TopicPartitionOffset(partition, consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(30)).Low));
        producer.LearnTopic(topic, TimeSpan.FromSeconds(30));
        reader = new Thread(Read) { Name = $"{config.ApplicationId}-InstanceRegistry", IsBackground = true };
        reader.Start();
        processId = engine.ProcessId;
        heartbeat = new Timer(_ => Heartbeat(), null, HeartbeatInterval, HeartbeatInterval);
    }

    /// <summary>librdkafka's default: an empty fetch waits this long for claims (Apache Kafka answers at once when one comes).</summary>
    private const int RegistryFetchWaitMaxMs = 500;

    /// <summary>How often an instance repeats its claim.</summary>
    public static TimeSpan HeartbeatInterval { get; } = TimeSpan.FromSeconds(2);

    /// <summary>An instance not heard from for this long is taken as gone (several heartbeats missed).</summary>
    public static TimeSpan Expiry { get; } = TimeSpan.FromSeconds(10);

    public static string TopicFor(string applicationId) => $"{applicationId}-instances";

    /// <summary>Claims this instance's assignment (a new claim when the partitions changed).</summary>
    public void Publish(IEnumerable<int> partitions)
    {
        if (self is null) return;
        var value = string.Join(",", partitions.Distinct().Order().Select(p => p.ToString(CultureInfo.InvariantCulture)));
        lock (gate)
        {
            if (claim is null || claimed != value) claim = $"{processId}.{++claimNumber};{value}";
            claimed = value;
            Produce(claim);
        }
    }

    /// <summary>Every live instance that owns partitions now.</summary>
    public IReadOnlyList<StreamsMetadata> All() =>
        Owners().Select(i => Metadata(i.Key, i.Value)).OfType<StreamsMetadata>().ToList();

    public StreamsMetadata? Owner(int partition) =>
        Owners().Where(i => i.Value.Contains(partition)).Select(i => Metadata(i.Key, i.Value)).FirstOrDefault();

    public void Dispose()
    {
        heartbeat.Dispose();
        if (self is not null)
        {
            lock (gate)
            {
                // No heartbeat after the removal.
                claim = null;
                producer.Produce(topic, new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes(self), Value = null! });
            }
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
                    lock (claims) claims.Remove(host);
                    continue;
                }
                var (id, partitions) = ParseClaim(Encoding.UTF8.GetString(record.Message.Value));
                lock (claims) claims.Apply(host, id, partitions, record.Offset.Value, DateTimeOffset.UtcNow);
            }
            catch (Exception e) when (e is ConsumeException or FormatException)
            {
                logger.LogWarning(e, "Skipping an unreadable record of {Topic}", topic);
            }
        }
    }

    /// <summary><c>claim id;partitions</c>; a value without a claim id (written by an older version) is its own id.</summary>
    internal static (string Id, IReadOnlySet<int> Partitions) ParseClaim(string value)
    {
        var separator = value.IndexOf(';');
        var partitions = value[(separator + 1)..]
            .Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => int.Parse(p, CultureInfo.InvariantCulture))
            .ToHashSet();
        return (separator < 0 ? value : value[..separator], partitions);
    }

    private IReadOnlyDictionary<string, IReadOnlySet<int>> Owners()
    {
        lock (claims) return claims.Owners(DateTimeOffset.UtcNow);
    }

    private void Heartbeat()
    {
        lock (gate)
        {
            if (claim is not null) Produce(claim);
        }
    }

    private void Produce(string value)
    {
        try
        {
            var message = new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes(self!), Value = Encoding.UTF8.GetBytes(value) };
            producer.Produce(topic, message);
        }
        catch (KafkaException e)
        {
            // A full queue or a closing producer: the next heartbeat says it again.
            logger.LogWarning("Could not publish this instance's partitions to {Topic}: {Reason}", topic, e.Error.Reason);
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
