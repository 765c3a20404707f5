using System.Buffers.Binary;
using System.Diagnostics;
using Confluent.Kafka;
using OrderStreams.Kafka.Embedded;

namespace OrderStreams.Bench;

/// <summary>
/// Measures pipelines on one cluster in one run: throughput over a preloaded input, and per-hop latency at a fixed
/// input rate. Throughput is taken between 10% and 90% of the output so group joins and tails do not count.
/// </summary>
public sealed class PipelineBench(EmbeddedKafkaCluster cluster, BenchEnvironment environment, BenchSettings settings, IProgress<string> progress)
{
    /// <summary>Partitions of every input and output topic.</summary>
    public const int Partitions = 12;

    public async Task<PipelineSample> MeasureAsync(Func<IPipelineUnderTest> create, CancellationToken cancellation)
    {
        var (rate, firstOutput) = await MeasureThroughputAsync(create, cancellation);
        progress.Report($"  {rate:N0} records/s, first output {firstOutput.TotalMilliseconds:F0} ms after start");
        var latency = await MeasureLatencyAsync(create, cancellation);
        progress.Report($"  p50 {latency.PercentileMs(50):F2} ms, p99 {latency.PercentileMs(99):F2} ms");
        return new PipelineSample(rate, latency.PercentileMs(50), latency.PercentileMs(99), firstOutput.TotalMilliseconds);
    }

    /// <summary>The throughput between 10% and 90% of the output, and the time from the engine's start to its first output.</summary>
    private async Task<(double RecordsPerSecond, TimeSpan FirstOutput)> MeasureThroughputAsync(
        Func<IPipelineUnderTest> create, CancellationToken cancellation)
    {
        var (input, output) = CreateTopics("throughput");
        Preload(input, settings.Records);
        await using var pipeline = create();
        progress.Report($"{pipeline.Name}: throughput over {settings.Records:N0} records");
        var startedAt = DateTime.UtcNow;
        await pipeline.StartAsync(environment, input, output, cancellation);
        startedAt = pipeline.EngineStartedAt ?? startedAt;
        DateTime? firstOutputAt = null;

        using var watcher = environment.Consumer<Ignore, Ignore>("bench-watermarks");
        await using var totals = pipeline.OutputsTotals ? new AggregateProgress(environment, output) : null;
        var (low, high) = ((long)(settings.Records * 0.1), (long)(settings.Records * 0.9));
        // From the last sample below 10% to the first at or above 90%: never a zero interval, at worst a little long.
        (long Count, long At) before = (0, Stopwatch.GetTimestamp());
        var deadline = Stopwatch.StartNew();
        while (!cancellation.IsCancellationRequested)
        {
            var produced = totals?.Inputs ?? Enumerable.Range(0, Partitions)
                .Sum(p => watcher.QueryWatermarkOffsets(new TopicPartition(output, p), TimeSpan.FromSeconds(5)).High.Value);
            var now = Stopwatch.GetTimestamp();
            if (produced > 0) firstOutputAt ??= DateTime.UtcNow;
            if (produced < low) before = (produced, now);
            else if (produced >= high)
            {
                var rate = (produced - before.Count) / Stopwatch.GetElapsedTime(before.At, now).TotalSeconds;
                return (rate, (firstOutputAt ?? DateTime.UtcNow) - startedAt);
            }
            if (deadline.Elapsed > settings.Timeout)
                throw new TimeoutException($"{pipeline.Name} produced {produced:N0} of {settings.Records:N0} records in {settings.Timeout}.");
            await Task.Delay(2, cancellation);
        }
        throw new OperationCanceledException(cancellation);
    }

    private async Task<LatencySamples> MeasureLatencyAsync(Func<IPipelineUnderTest> create, CancellationToken cancellation)
    {
        var (input, output) = CreateTopics("latency");
        await using var pipeline = create();
        progress.Report($"{pipeline.Name}: latency at {settings.LatencyRate:N0} records/s for {settings.LatencyDuration.TotalSeconds:N0}s");
        await pipeline.StartAsync(environment, input, output, cancellation);

        var samples = new LatencySamples();
        var total = (int)(settings.LatencyRate * settings.LatencyDuration.TotalSeconds);
        var sendTimes = new OrderSendTimes(total);
        var reader = new LatencyReader(environment, output, samples, pipeline.OutputsTotals ? sendTimes : null);
        using var producer = environment.Producer<byte[], byte[]>();

        // Warm up until records come through, so group joins and first fetches are not measured.
        var warmup = Stopwatch.StartNew();
        while (!reader.SawAny)
        {
            if (warmup.Elapsed > settings.Timeout) throw new TimeoutException($"{pipeline.Name} passed no record through in {settings.Timeout}.");
            Send(producer, input, 0, BenchPayload.WarmUpKey);
            producer.Flush();
            await Task.Delay(100, cancellation);
        }
        await Task.Delay(500, cancellation);
        reader.Measuring = true;

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total && !cancellation.IsCancellationRequested; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / settings.LatencyRate);
            while (clock.Elapsed < due) Thread.SpinWait(20);
            sendTimes.Sent(i, Send(producer, input, i, BenchPayload.Key(i)));
        }
        producer.Flush();
        var drain = Stopwatch.StartNew();
        while (samples.Count < total && drain.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(20, cancellation);
        await reader.DisposeAsync();
        return samples;
    }

    /// <summary>Produces order <paramref name="i"/> with its send time in a header; returns that time.</summary>
    private long Send(IProducer<byte[], byte[]> producer, string topic, int i, byte[] key)
    {
        var now = Stopwatch.GetTimestamp();
        var sent = new byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(sent, now);
        producer.Produce(topic, new Message<byte[], byte[]>
        {
            Key = key,
            Value = BenchPayload.Value(i, settings.ValueBytes),
            Headers = [new Header(LatencyReader.SentHeader, sent)],
        });
        return now;
    }

    /// <summary>Produces orders 0 to <paramref name="records"/> - 1 into <paramref name="topic"/>.</summary>
    public void Preload(string topic, int records)
    {
        using var producer = environment.Producer<byte[], byte[]>();
        for (var i = 0; i < records; i++)
        {
            producer.ProduceWaitingForRoom(topic, new Message<byte[], byte[]> { Key = BenchPayload.Key(i), Value = BenchPayload.Value(i, settings.ValueBytes) });
        }
        producer.Flush();
    }

    private (string Input, string Output) CreateTopics(string purpose)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (input, output) = ($"bench-{purpose}-in-{suffix}", $"bench-{purpose}-out-{suffix}");
        cluster.CreateTopic(input, Partitions);
        cluster.CreateTopic(output, Partitions);
        return (input, output);
    }
}
