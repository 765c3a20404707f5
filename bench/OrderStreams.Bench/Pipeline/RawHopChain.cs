using System.Buffers.Binary;
using System.Diagnostics;
using Confluent.Kafka;
using OrderStreams.Kafka.Embedded;

namespace OrderStreams.Bench.Pipeline;

/// <summary>
/// The baseline: as many raw librdkafka consume→produce hops (<see cref="PassThroughPipeline"/>) as the order path has
/// services between an order and its driver (payment-completion, branch-assignment's two steps, driver-assignment),
/// chained through topics of 12 partitions: what the hops alone cost on this broker and machine.
/// </summary>
public sealed class RawHopChain : IAsyncDisposable
{
    public const int Hops = 4;
    private const int Partitions = 12;
    private const int ValueBytes = 250;

    private readonly BenchEnvironment environment;
    private readonly List<PassThroughPipeline> hops = [];
    private readonly IReadOnlyList<string> topics;

    private RawHopChain(BenchEnvironment environment, IReadOnlyList<string> topics)
    {
        this.environment = environment;
        this.topics = topics;
    }

    public static async Task<RawHopChain> StartAsync(EmbeddedKafkaCluster cluster, BenchEnvironment environment, CancellationToken cancellation)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var topics = Enumerable.Range(0, Hops + 1).Select(i => $"bench-hop{i}-{suffix}").ToList();
        foreach (var topic in topics) cluster.CreateTopic(topic, Partitions);
        var chain = new RawHopChain(environment, topics);
        for (var i = 0; i < Hops; i++)
        {
            var hop = new PassThroughPipeline();
            chain.hops.Add(hop);
            await hop.StartAsync(environment, topics[i], topics[i + 1], cancellation);
        }
        return chain;
    }

    public async Task<LatencySamples> MeasureLatencyAsync(int recordsPerSecond, TimeSpan duration, CancellationToken cancellation)
    {
        var samples = new LatencySamples();
        var reader = new LatencyReader(environment, topics[^1], samples);
        using var producer = environment.Producer<byte[], byte[]>();
        await Pacing.WarmUpAsync(i => Send(producer, i), () => reader.SawAny, "the raw hops", cancellation);
        reader.Measuring = true;
        var total = await Pacing.SendEvenlyAsync(recordsPerSecond, duration, i => Send(producer, i), cancellation);
        producer.Flush();
        var drain = Stopwatch.StartNew();
        while (samples.Count < total && drain.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(20, cancellation);
        await reader.DisposeAsync();
        return samples;
    }

    /// <summary>
    /// Sends <paramref name="count"/> records as fast as the hops take them, never more than <paramref name="inFlight"/>
    /// not yet out of the last hop; records/s out of the last hop between 10% and 90%. Unbounded, the producer ran far
    /// ahead of the first hop and the embedded broker, which keeps about 5 MB of each partition, dropped records the
    /// first hop had not read yet (its consumer reset its offset and the chain lost them).
    /// </summary>
    public async Task<double> MeasureThroughputAsync(int count, int inFlight, CancellationToken cancellation)
    {
        using var watcher = environment.Consumer<Ignore, Ignore>("bench-hop-watermarks");
        long Out() => Enumerable.Range(0, Partitions).Sum(p => watcher.QueryWatermarkOffsets(new TopicPartition(topics[^1], p), TimeSpan.FromSeconds(5)).High.Value);
        var before = Out();
        long passed = 0;
        var sending = Task.Run(async () =>
        {
            using var producer = environment.Producer<byte[], byte[]>();
            for (var i = 0; i < count; i++)
            {
                while (i - Volatile.Read(ref passed) >= inFlight) await Task.Delay(1, cancellation);
                Produce(producer, new Message<byte[], byte[]> { Key = BenchPayload.Key(i), Value = BenchPayload.Value(i, ValueBytes) });
            }
            producer.Flush();
        }, cancellation);
        var window = new RateWindow(count);
        var deadline = Stopwatch.StartNew();
        while (!window.Done)
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException($"The raw hops passed {Out() - before:N0} of {count:N0} records in 10 minutes.");
            Volatile.Write(ref passed, Out() - before);
            window.Observe(passed);
            await Task.Delay(5, cancellation);
        }
        await sending;
        return window.PerSecond;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var hop in hops) await hop.DisposeAsync();
    }

    private void Send(IProducer<byte[], byte[]> producer, int i)
    {
        var sent = new byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(sent, Stopwatch.GetTimestamp());
        Produce(producer, new Message<byte[], byte[]>
        {
            Key = BenchPayload.Key(i),
            Value = BenchPayload.Value(i, ValueBytes),
            Headers = [new Header(LatencyReader.SentHeader, sent)],
        });
    }

    private void Produce(IProducer<byte[], byte[]> producer, Message<byte[], byte[]> message) => producer.ProduceWaitingForRoom(topics[0], message);
}
