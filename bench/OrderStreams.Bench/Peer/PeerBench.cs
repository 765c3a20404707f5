using OrderStreams.Bench.Rebalance;
using OrderStreams.Kafka.Embedded;

namespace OrderStreams.Bench.Peer;

/// <summary>
/// Our runtime against Streamiz on one cluster in one run: after the pass-through ceiling, each round measures every
/// pipeline, the restore and the scale-out on both engines, alternating which goes first, so machine noise hits both.
/// </summary>
public sealed class PeerBench(
    EmbeddedKafkaCluster cluster, BenchEnvironment environment, BenchSettings settings, StreamizPeer peer, IProgress<string> progress)
{
    private readonly PipelineBench bench = new(cluster, environment, settings, progress);
    private readonly RestoreBench restore = new(cluster, environment, progress);
    private readonly ScaleOutBench scaleOut = new(cluster, environment, progress);

    /// <summary>Compares the engines' outputs of every pipeline over <paramref name="records"/> orders; none differ when they agree.</summary>
    public async Task<IReadOnlyList<string>> VerifyAsync(IReadOnlyList<PeerPipeline> pipelines, int records, CancellationToken cancellation)
    {
        var check = new PeerOutputCheck(cluster, environment, bench);
        var differences = new List<string>();
        foreach (var pipeline in pipelines)
        {
            progress.Report($"{pipeline.Name}: comparing both engines' outputs over {records:N0} records");
            var found = await check.CompareAsync(pipeline, records, settings.Timeout, cancellation);
            differences.AddRange(found.Select(d => $"{pipeline.Name}: {d}"));
        }
        return differences;
    }

    public async Task<IReadOnlyList<PeerFigure>> MeasureAsync(
        IReadOnlyList<PeerPipeline> pipelines, int rounds, int restoreRecords, bool measureScaleOut, List<PipelineSample> ceiling,
        CancellationToken cancellation)
    {
        var samples = new Dictionary<(string, PeerEngine), List<PipelineSample>>();
        var restores = new Dictionary<PeerEngine, List<RestoreResult>>();
        var pauses = new Dictionary<PeerEngine, List<RebalancePause>>();
        for (var round = 1; round <= rounds; round++)
        {
            progress.Report($"round {round} of {rounds}");
            ceiling.Add(await bench.MeasureAsync(() => new PassThroughPipeline(), cancellation));
            PeerEngine[] engines = round % 2 == 1 ? [PeerEngine.Runtime, PeerEngine.Streamiz] : [PeerEngine.Streamiz, PeerEngine.Runtime];
            foreach (var pipeline in pipelines)
            {
                foreach (var engine in engines)
                    Add(samples, (pipeline.Name, engine), await bench.MeasureAsync(() => pipeline.Create(engine), cancellation));
            }
            foreach (var engine in restoreRecords > 0 ? engines : [])
            {
                IRestoringEngine restoring = engine == PeerEngine.Runtime ? new RuntimeRestore() : new StreamizRestore(peer);
                var result = await restore.MeasureAsync(restoreRecords, settings.ValueBytes, settings.Timeout, restoring, cancellation);
                Add(restores, engine, result);
            }
            foreach (var engine in measureScaleOut ? engines : [])
            {
                IScalingEngine scaling = engine == PeerEngine.Runtime ? new RuntimeScaling() : new StreamizScaling(peer);
                Add(pauses, engine, await scaleOut.MeasureAsync(scaling, cancellation));
            }
        }

        var figures = new PeerFigureTable(ceiling);
        foreach (var pipeline in pipelines)
        {
            var (ours, theirs) = (samples[(pipeline.Name, PeerEngine.Runtime)], samples[(pipeline.Name, PeerEngine.Streamiz)]);
            if (ThroughputMeasurable(pipeline, ours) && ThroughputMeasurable(pipeline, theirs))
                figures.Add($"{pipeline.Name} throughput", "records/s", ours, theirs, s => s.RecordsPerSecond);
            figures.Add($"{pipeline.Name} latency p50", "ms", ours, theirs, s => s.P50Ms);
            figures.Add($"{pipeline.Name} latency p99", "ms", ours, theirs, s => s.P99Ms);
            figures.Add($"{pipeline.Name} first output", "ms", ours, theirs, s => s.FirstOutputMs);
        }
        if (restores.Count > 0)
        {
            var (ours, theirs) = (restores[PeerEngine.Runtime], restores[PeerEngine.Streamiz]);
            figures.Add("restore", "records/s", ours, theirs, r => r.RecordsPerSecond, r => r.CeilingRecordsPerSecond);
            figures.Add("restore: opening the stores", "s", ours, theirs, r => r.RegistrationSeconds);
            // Engines that open their stores one after the other count that time apart; this row counts it in.
            figures.Add(
                "restore with the opening", "records/s", ours, theirs, r => r.Records / (r.Seconds + r.RegistrationSeconds),
                r => r.CeilingRecordsPerSecond);
        }
        if (pauses.Count > 0)
        {
            var (ours, theirs) = (pauses[PeerEngine.Runtime], pauses[PeerEngine.Streamiz]);
            figures.Add("scale-out 1→2 pause", "ms", ours, theirs, p => p.PauseMs);
            figures.Add("scale-out 1→2 longest stall", "ms", ours, theirs, p => p.LongestStallMs);
            figures.Add("scale-out 1→2 stalled partitions", "partitions", ours, theirs, p => p.StalledPartitions);
        }
        return figures.Figures;
    }

    /// <summary>
    /// A cached aggregate's output moves only at commits, so its 10–90% window measures the commits unless it spans
    /// at least five of them (at 1 s commits and 200,000 records it fell within one: tens of millions of records/s).
    /// </summary>
    private bool ThroughputMeasurable(PeerPipeline pipeline, IReadOnlyList<PipelineSample> samples)
    {
        if (!pipeline.Cached) return true;
        var window = TimeSpan.FromSeconds(0.8 * settings.Records / Statistics.Median(samples.Select(s => s.RecordsPerSecond)));
        return window >= 5 * (pipeline.CommitInterval ?? BenchEnvironment.CommitInterval);
    }

    private static void Add<TKey, TValue>(Dictionary<TKey, List<TValue>> samples, TKey key, TValue sample)
        where TKey : notnull
    {
        if (!samples.TryGetValue(key, out var list)) samples[key] = list = [];
        list.Add(sample);
    }
}
