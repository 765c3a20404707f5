using System.Buffers.Binary;
using System.Diagnostics;
using Confluent.Kafka;

namespace OrderStreams.Bench;

/// <summary>
/// Consumes a pipeline's output and records latencies: per record, the time since the bench sent the input whose
/// header it carries; or, for branch totals (given the orders' send times), per order, the time until the first total
/// counting it arrived. A cached aggregate sends each branch's total once per commit with the header of its latest
/// order only, so header latencies would leave out every earlier order of the commit interval.
/// </summary>
public sealed class LatencyReader : IAsyncDisposable
{
    /// <summary>Header carrying the <see cref="Stopwatch"/> timestamp at which the input record was produced.</summary>
    public const string SentHeader = "bench.sent";

    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private volatile bool sawAny;

    public LatencyReader(BenchEnvironment environment, string topic, LatencySamples samples, OrderSendTimes? totalsOf = null) =>
        loop = Task.Factory.StartNew(() => Run(environment, topic, samples, totalsOf), TaskCreationOptions.LongRunning);

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

    private void Run(BenchEnvironment environment, string topic, LatencySamples samples, OrderSendTimes? totalsOf)
    {
        using var consumer = environment.Consumer<string?, byte[]?>($"bench-latency-{Guid.NewGuid():N}");
        consumer.Subscribe(topic);
        var counted = new long[BenchPayload.BranchCount];
        while (!stop.IsCancellationRequested)
        {
            var result = consumer.Consume(50);
            if (result?.Message is not { } message) continue;
            var now = Stopwatch.GetTimestamp();
            if (totalsOf is null)
            {
                if (message.Headers is not { } headers || !headers.TryGetLastBytes(SentHeader, out var sent)) continue;
                sawAny = true;
                if (Measuring) samples.Add(now - BinaryPrimitives.ReadInt64BigEndian(sent));
                continue;
            }
            sawAny = true;
            var branch = message.Key is null ? -1 : BenchPayload.BranchIndex(message.Key);
            if (branch < 0 || message.Value is null) continue;
            var orders = BranchTotals.Serde.Deserialize(message.Value, default).Orders;
            for (var k = counted[branch]; k < orders; k++)
            {
                var order = branch + k * BenchPayload.BranchCount;
                if (order < totalsOf.Count && totalsOf.SentAt((int)order) is var sentAt and > 0) samples.Add(now - sentAt);
            }
            counted[branch] = Math.Max(counted[branch], orders);
        }
        consumer.Close();
    }
}
