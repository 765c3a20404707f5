using System.Text;
using Confluent.Kafka;
using OrderStreams.Kafka.Clients;
using OrderStreams.Streams.Serialization;

namespace OrderStreams.Streams.Tests.Integration;

/// <summary>
/// The test app's input: rounds of one record per word, keyed by the word, with the word's next sequence number as
/// value, through an idempotent producer (so each word's numbers arrive in order, without gaps). Sends rounds on
/// demand or continuously in the background.
/// </summary>
internal sealed class SequenceFeed : IDisposable
{
    private readonly IProducer<byte[], byte[]> producer;
    private readonly string topic;
    private readonly string[] words;
    private readonly Lock gate = new();
    private long rounds;
    private string? failure;
    private Thread? loop;
    private volatile bool running;

    public SequenceFeed(string bootstrapServers, string topic, IReadOnlyList<string> words)
    {
        producer = new ProducerBuilder<byte[], byte[]>(KafkaClientDefaults.Producer([new("bootstrap.servers", bootstrapServers)])).Build();
        this.topic = topic;
        this.words = words.ToArray();
    }

    /// <summary>Rounds sent so far: every word's last sequence number.</summary>
    public long Rounds => Interlocked.Read(ref rounds);

    /// <summary>Words whose murmur2 partitions cover every partition of a topic with <paramref name="partitions"/> partitions, <paramref name="perPartition"/> each.</summary>
    public static IReadOnlyList<string> WordsCovering(int partitions, int perPartition) =>
        Enumerable.Range(0, 10_000).Select(i => $"w{i}")
            .GroupBy(w => KafkaClientDefaults.PartitionFor(Encoding.UTF8.GetBytes(w), partitions))
            .OrderBy(g => g.Key)
            .SelectMany(g => g.Take(perPartition))
            .ToList();

    /// <summary>Sends <paramref name="count"/> rounds and waits until they are delivered.</summary>
    public void SendRounds(int count)
    {
        for (var i = 0; i < count; i++) SendRound();
        Flush();
    }

    /// <summary>Sends rounds in the background at <paramref name="roundsPerSecond"/> until <see cref="Stop"/>.</summary>
    public void Start(int roundsPerSecond)
    {
        running = true;
        loop = new Thread(() =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            for (var sent = 0L; running; sent++)
            {
                var due = TimeSpan.FromSeconds((double)sent / roundsPerSecond);
                if (clock.Elapsed < due) Thread.Sleep(due - clock.Elapsed);
                SendRound();
            }
        }) { IsBackground = true, Name = "sequence-feed" };
        loop.Start();
    }

    /// <summary>Stops the background rounds and waits until everything sent is delivered.</summary>
    public void Stop()
    {
        running = false;
        loop?.Join();
        Flush();
    }

    public void Dispose()
    {
        running = false;
        loop?.Join();
        producer.Dispose();
    }

    private void SendRound()
    {
        lock (gate)
        {
            var sequence = Interlocked.Increment(ref rounds);
            foreach (var word in words)
            {
                producer.Produce(topic, new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes(word), Value = Serdes.Long.Serialize(sequence, default) }, report =>
                {
                    if (report.Error.IsError) Interlocked.CompareExchange(ref failure, $"Could not send {word} #{sequence}: {report.Error.Reason}", null);
                });
            }
        }
    }

    private void Flush()
    {
        if (producer.Flush(TimeSpan.FromSeconds(60)) > 0) throw new TimeoutException($"Input to {topic} was not delivered within 60 s.");
        if (failure is { } error) throw new InvalidOperationException(error);
    }
}
