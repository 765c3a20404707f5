using System.Diagnostics;
using Confluent.Kafka;
using OrderStreams.Kafka.Embedded;
using OrderStreams.Streams;
using OrderStreams.Streams.Serialization;

namespace OrderStreams.Bench.Rebalance;

/// <summary>
/// Scale-out 1→2→3 instances of a streams application reading two co-partitioned topics under steady load, measuring
/// each step's <see cref="RebalancePause"/>. Instances are <see cref="KafkaStreams"/> objects in this process, each a
/// group member with its own stream thread, clients and state directory.
/// </summary>
public sealed class RebalanceBench(EmbeddedKafkaCluster cluster, BenchEnvironment environment, RebalanceBenchSettings settings, IProgress<string> progress)
{
    private static readonly TimeSpan Settled = TimeSpan.FromSeconds(2);

    public async Task<IReadOnlyList<RebalancePause>> MeasureAsync(ConsumerGroupProtocol protocol, CancellationToken cancellation)
    {
        var run = $"rebalance-{Guid.NewGuid():N}"[..22];
        string[] sources = [$"{run}-a", $"{run}-b"];
        var output = $"{run}-out";
        foreach (var topic in sources.Append(output)) cluster.CreateTopic(topic, settings.Partitions);

        using var feed = new CancellationTokenSource();
        var feeding = Task.Run(() => Feed(sources, feed.Token), CancellationToken.None);
        using var log = new ProcessingLog(environment.Consumer<Ignore, string>($"{run}-reader"), output, settings.Partitions);
        var instances = new List<KafkaStreams>();
        var pauses = new List<RebalancePause>();
        try
        {
            for (var members = 1; members <= 3; members++)
            {
                var joinedAt = DateTime.UtcNow;
                instances.Add(await StartInstanceAsync(run, members, protocol, sources, output, cancellation));
                var settledAt = await WaitUntilAsync(() => Balanced(instances), $"{members} members own every task once", cancellation);
                await WaitUntilAsync(() => log.AllProcessedSince(settledAt, sources.Length * settings.Partitions), "every partition processing", cancellation);
                var until = DateTime.UtcNow + Settled;
                await Task.Delay(Settled, cancellation);
                if (members == 1) continue;
                var pause = RebalancePause.Measure(members, log.Snapshot(), joinedAt, until, settings.StallThreshold);
                progress.Report($"{protocol}: {members - 1}→{members} pause {pause.PauseMs:F0} ms, longest stall {pause.LongestStallMs:F0} ms, {pause.StalledPartitions} partitions stalled");
                pauses.Add(pause);
            }
            return pauses;
        }
        finally
        {
            foreach (var instance in instances) instance.Dispose();
            await feed.CancelAsync();
            await feeding;
        }
    }

    private async Task<KafkaStreams> StartInstanceAsync(
        string run, int index, ConsumerGroupProtocol protocol, string[] sources, string output, CancellationToken cancellation)
    {
        var config = environment.Streams(run);
        config.StateDir = Path.Combine(environment.StateDirectory, run, $"instance-{index}");
        config.GroupProtocol = protocol;
        if (protocol == ConsumerGroupProtocol.Classic) config.ConsumerSettings["session.timeout.ms"] = settings.ClassicSessionTimeoutMs.ToString();
        var instance = new KafkaStreams(Topology(sources, output), config);
        await instance.StartAsync(cancellation);
        return instance;
    }

    /// <summary>Both sources in one subtopology (a task is one partition number of both), each record stamped when processed.</summary>
    private static Topology Topology(string[] sources, string output)
    {
        var builder = new StreamsBuilder();
        builder.Stream(sources, Consumed<byte[], string>.With(Serdes.ByteArray, Serdes.String))
            .MapValues(ProcessingLog.Stamp)
            .To(output, Produced<byte[], string>.With(Serdes.ByteArray, Serdes.String));
        return builder.Build();
    }

    private bool Balanced(IReadOnlyList<KafkaStreams> instances)
    {
        var owned = instances.Select(i => i.MetadataForLocalThreads().SelectMany(t => t.ActiveTasks).Where(t => !t.Restoring).ToList()).ToList();
        return owned.All(tasks => tasks.Count > 0)
            && owned.Sum(tasks => tasks.Count) == settings.Partitions
            && owned.SelectMany(tasks => tasks.Select(t => t.TaskId)).Distinct().Count() == settings.Partitions;
    }

    /// <summary>Every partition of both sources gets <see cref="RebalanceBenchSettings.RecordsPerSecondPerPartition"/>, paced in 10 ms slices.</summary>
    private void Feed(string[] sources, CancellationToken stop)
    {
        using var producer = environment.Producer<byte[], byte[]>();
        var key = new byte[] { 0 };
        var clock = Stopwatch.StartNew();
        long sent = 0;
        while (!stop.IsCancellationRequested)
        {
            var due = (long)(clock.Elapsed.TotalSeconds * settings.RecordsPerSecondPerPartition);
            for (; sent < due; sent++)
            {
                for (var t = 0; t < sources.Length; t++)
                {
                    for (var p = 0; p < settings.Partitions; p++)
                        producer.Produce(new TopicPartition(sources[t], p), new Message<byte[], byte[]> { Key = key, Value = ProcessingLog.SourceOf(t, p) });
                }
            }
            producer.Poll(TimeSpan.FromMilliseconds(10));
        }
        producer.Flush(TimeSpan.FromSeconds(10));
    }

    private async Task<DateTime> WaitUntilAsync(Func<bool> condition, string what, CancellationToken cancellation)
    {
        var deadline = DateTime.UtcNow + settings.Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Not reached within {settings.Timeout.TotalSeconds:F0} s: {what}.");
            await Task.Delay(20, cancellation);
        }
        return DateTime.UtcNow;
    }
}
