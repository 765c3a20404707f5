using System.Buffers.Binary;
using System.Diagnostics;
using Confluent.Kafka;

namespace OrderStreams.Cli.Bench;

/// <summary>Consumes a pipeline's output and records, per record, the time since the bench sent its input.</summary>
internal sealed class LatencyReader : IAsyncDisposable
{
    /// <summary>Header carrying the <see cref="Stopwatch"/> timestamp at which the input record was produced.</summary>
    public const string SentHeader = "bench.sent";

    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private volatile bool sawAny;

    public LatencyReader(BenchEnvironment environment, string topic, LatencySamples samples) =>
        loop = Task.Factory.StartNew(() => Run(environment, topic, samples), TaskCreationOptions.LongRunning);

    /// <summary>True once any record came through (warm-up records included).</summary>
    public bool SawAny => sawAny;

    /// <summary>Only records seen while this is true are sampled.</summary>
    public volatile bool Measuring;

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }

    private void Run(BenchEnvironment environment, string topic, LatencySamples samples)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(environment.Consumer($"bench-latency-{Guid.NewGuid():N}")).Build();
        consumer.Subscribe(topic);
        while (!stop.IsCancellationRequested)
        {
            var result = consumer.Consume(50);
            if (result?.Message?.Headers is not { } headers || !headers.TryGetLastBytes(SentHeader, out var sent)) continue;
            var elapsed = Stopwatch.GetTimestamp() - BinaryPrimitives.ReadInt64BigEndian(sent);
            sawAny = true;
            if (Measuring) samples.Add(elapsed);
        }
        consumer.Close();
    }
}
