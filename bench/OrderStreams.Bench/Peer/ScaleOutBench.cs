using System.Diagnostics;
using Confluent.Kafka;
using OrderStreams.Bench.Rebalance;
using OrderStreams.Kafka.Embedded;

namespace OrderStreams.Bench.Peer;

/// <summary>
/// The pause of a scale-out from one instance to two, engine by engine, as <c>bench rebalance</c> measures it: one
/// 12-partition topic under a steady load, each record stamped with the time and the instance that processed it.
/// The step has settled once the second instance processes and every partition has been processed since.
/// </summary>
public sealed class ScaleOutBench(EmbeddedKafkaCluster cluster, BenchEnvironment environment, IProgress<string> progress)
{
    private const int Partitions = 12;
    private const int RecordsPerSecondPerPartition = 50;
    // The dev platform's: the embedded broker holds a classic join for the session timeout less a second.
    private const string SessionTimeoutMs = "6000";
    private static readonly TimeSpan StallThreshold = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Settled = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public async Task<RebalancePause> MeasureAsync(IScalingEngine engine, CancellationToken cancellation)
    {
        var run = $"scale-out-{engine.Name}-{Guid.NewGuid():N}"[..32];
        var (input, output) = ($"{run}-in", $"{run}-out");
        cluster.CreateTopic(input, Partitions);
        cluster.CreateTopic(output, Partitions);
        var consumerSettings = environment.ConsumerSettings.ToDictionary(StringComparer.Ordinal);
        consumerSettings["session.timeout.ms"] = SessionTimeoutMs;
        var members = environment with { ConsumerSettings = consumerSettings };

        using var feed = new CancellationTokenSource();
        var feeding = Task.Run(() => Feed(input, feed.Token), CancellationToken.None);
        using var log = new ProcessingLog(environment.Consumer<Ignore, string>($"{run}-reader"), output, Partitions);
        try
        {
            var startedAt = DateTime.UtcNow;
            await using var first = await engine.StartInstanceAsync(members, run, 1, input, output, cancellation);
            if (!await ReachedWithinTimeoutAsync(() => log.AllProcessedSince(startedAt, Partitions), cancellation))
                throw new TimeoutException($"Not reached within {Timeout.TotalSeconds:F0} s: {engine.Name}: one instance processing every partition.");
            await Task.Delay(Settled, cancellation);

            var joinedAt = DateTime.UtcNow;
            await using var second = await engine.StartInstanceAsync(members, run, 2, input, output, cancellation);
            // An engine that does not settle is a result of the comparison, not a reason to abandon it: its pause is the
            // whole timeout, even if the first instance went on processing every partition.
            var settled = await ReachedWithinTimeoutAsync(() => log.FirstProcessedBy(2) is { } at && log.AllProcessedSince(at, Partitions), cancellation);
            var until = DateTime.UtcNow;
            if (settled)
            {
                until += Settled;
                await Task.Delay(Settled, cancellation);
            }
            else
            {
                progress.Report($"{engine.Name}: two instances did not process every partition within {Timeout.TotalSeconds:F0} s of the join");
            }
            var pause = RebalancePause.Measure(2, log.Snapshot(), joinedAt, until, StallThreshold);
            if (!settled) pause = pause with { PauseMs = (until - joinedAt).TotalMilliseconds };
            progress.Report($"{engine.Name}: scale-out 1→2 pause {pause.PauseMs:F0} ms, longest stall {pause.LongestStallMs:F0} ms, "
                + $"{pause.StalledPartitions} partitions stalled");
            return pause;
        }
        finally
        {
            await feed.CancelAsync();
            await feeding;
        }
    }

    /// <summary>Every partition gets <see cref="RecordsPerSecondPerPartition"/>, paced in 10 ms slices.</summary>
    private void Feed(string input, CancellationToken stop)
    {
        using var producer = environment.Producer<byte[], byte[]>();
        var key = new byte[] { 0 };
        var clock = Stopwatch.StartNew();
        long sent = 0;
        while (!stop.IsCancellationRequested)
        {
            for (var due = (long)(clock.Elapsed.TotalSeconds * RecordsPerSecondPerPartition); sent < due; sent++)
            {
                for (var p = 0; p < Partitions; p++)
                {
                    var message = new Message<byte[], byte[]> { Key = key, Value = ProcessingLog.SourceOf(0, p) };
                    producer.Produce(new TopicPartition(input, p), message);
                }
            }
            producer.Poll(TimeSpan.FromMilliseconds(10));
        }
        producer.Flush(TimeSpan.FromSeconds(10));
    }

    private static async Task<bool> ReachedWithinTimeoutAsync(Func<bool> condition, CancellationToken cancellation)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(20, cancellation);
        }
        return true;
    }
}
