using System.CommandLine;
using System.Runtime.InteropServices;
using System.Text.Json;
using OrderStreams.Bench;
using OrderStreams.Bench.Peer;
using OrderStreams.Bench.Pipeline;
using OrderStreams.Bench.Rebalance;
using OrderStreams.Kafka.Clients;
using OrderStreams.Kafka.Embedded;
using OrderStreams.Kafka.Topics;

namespace OrderStreams.Cli.Commands;

/// <summary><c>orderstreams bench</c>: benchmarks that need a broker, each a subcommand.</summary>
internal static class BenchCommand
{
    // Shared by every pipeline so they compare fairly. The mock cluster holds a fetch that finds nothing for
    // fetch.wait.max.ms even when records arrive meanwhile, so the librdkafka default (500 ms) would dominate every latency figure.
    internal static readonly IReadOnlyDictionary<string, string> ProducerSettings = new Dictionary<string, string> { ["linger.ms"] = "5" };
    internal static readonly IReadOnlyDictionary<string, string> ConsumerSettings = new Dictionary<string, string> { ["fetch.wait.max.ms"] = "10" };

    public static Command Create() => new("bench", "Benchmarks that need a broker (codec micro-benchmarks live in bench/OrderStreams.Benchmarks).")
    {
        CreateRuntime(),
        PipelineBenchCommand.Create(),
        RebalanceBenchCommand.Create(),
    };

    /// <summary><c>bench runtime</c>: pass-through (raw librdkafka), a stateless Avro map, a stateful RocksDB aggregate and the restore rate, in one run.</summary>
    private static Command CreateRuntime()
    {
        var records = new Option<int>("--records") { Description = "Records preloaded for the throughput runs.", DefaultValueFactory = _ => 200_000 };
        var valueBytes = new Option<int>("--value-bytes") { Description = "Least size of each record value (an Avro OrderPlaced; its note is padded to reach it).", DefaultValueFactory = _ => 200 };
        var latencyRate = new Option<int>("--latency-rate") { Description = "Input rate of the latency runs, records/s.", DefaultValueFactory = _ => 2_000 };
        var latencySeconds = new Option<int>("--latency-seconds") { Description = "Duration of each latency run.", DefaultValueFactory = _ => 10 };
        var repeat = new Option<int>("--repeat") { Description = "Rounds over all pipelines; each figure is the median of its rounds (this machine is shared, so single runs are noisy).", DefaultValueFactory = _ => 3 };
        var restoreRecords = new Option<int>("--restore-records") { Description = "Changelog records read by the ceiling and restored, each round, 0 for no restore run (keep records × value size / 12 under the embedded broker's ~5 MB per partition).", DefaultValueFactory = _ => 150_000 };
        var only = new Option<string[]>("--pipeline") { Description = $"Pipelines to measure besides the ceiling (default: all of {string.Join(", ", RuntimePipelines.Keys.Skip(1))}).", AllowMultipleArgumentsPerToken = true };
        only.AcceptOnlyFromAmong([.. RuntimePipelines.Keys]);
        var json = new Option<FileInfo?>("--json") { Description = "Also write the results as JSON to this file." };
        var peer = new Option<string?>("--peer")
        {
            Description = "Measure another engine beside ours, alternating each round, and print them side by side: "
                + "streamiz is Streamiz.Kafka.Net "
                + "(bench/OrderStreams.Bench.Streamiz) on the stateless and stateful pipelines, the restore and a 1→2 scale-out.",
        };
        peer.AcceptOnlyFromAmong("streamiz");
        var verifyRecords = new Option<int>("--verify-records")
        {
            Description = "With --peer: records over which both engines' outputs are compared before measuring (0: not compared).",
            DefaultValueFactory = _ => 1_000,
        };
        var scaleOut = new Option<bool>("--scale-out")
        {
            Description = "With --peer: measure the pause of a scale-out from one instance to two, each round.",
            DefaultValueFactory = _ => true,
        };

        var runtime = new Command("runtime", "Measure pass-through (raw librdkafka, the ceiling) and the streams runtime on the embedded broker, reported as ratios; restore against a plain consumer reading the same changelog.")
        {
            records, valueBytes, latencyRate, latencySeconds, repeat, restoreRecords, only, json, peer, verifyRecords, scaleOut,
        };
        runtime.SetAction(async (parse, cancellation) =>
        {
            var settings = new BenchSettings(
                parse.GetValue(records), parse.GetValue(valueBytes), parse.GetValue(latencyRate),
                TimeSpan.FromSeconds(parse.GetValue(latencySeconds)), TimeSpan.FromMinutes(3));
            var chosen = parse.GetValue(only) is { Length: > 0 } names ? names.ToHashSet() : RuntimePipelines.Keys.ToHashSet();
            if (parse.GetValue(peer) is not null)
            {
                return await PeerBenchCommand.RunAsync(
                    new PeerBenchOptions(
                        settings, chosen, Math.Max(1, parse.GetValue(repeat)), parse.GetValue(restoreRecords), parse.GetValue(verifyRecords),
                        parse.GetValue(scaleOut)),
                    parse.GetValue(json), cancellation);
            }
            var pipelines = RuntimePipelines.Where((p, i) => i == 0 || chosen.Contains(p.Key)).ToList();
            var report = await RunRuntimeAsync(settings, pipelines, Math.Max(1, parse.GetValue(repeat)), parse.GetValue(restoreRecords), cancellation);
            Print(report);
            if (parse.GetValue(json) is { } file)
                await File.WriteAllTextAsync(file.FullName, JsonSerializer.Serialize(report, BenchJson.Default.RuntimeBenchReport), CancellationToken.None);
            return ExitCodes.Ok;
        });
        return runtime;
    }

    /// <summary>Every pipeline <c>bench runtime</c> knows, the ceiling first: the others are reported as ratios of it.</summary>
    private static readonly IReadOnlyDictionary<string, Func<IPipelineUnderTest>> RuntimePipelines = new OrderedDictionary<string, Func<IPipelineUnderTest>>
    {
        ["passthrough"] = () => new PassThroughPipeline(),
        ["runtime-bytes"] = () => new StreamsPipeline("runtime-bytes", RuntimeTopologies.Bytes),
        ["stateless-avro-map"] = () => new StreamsPipeline("stateless-avro-map", RuntimeTopologies.StatelessAvroMap),
        ["stateless-traced-1pct"] = () => new TracedPipeline("stateless-traced-1pct", new StreamsPipeline("stateless-traced-1pct", RuntimeTopologies.StatelessAvroMap), 0.01),
        ["stateless-traced-100pct"] = () => new TracedPipeline("stateless-traced-100pct", new StreamsPipeline("stateless-traced-100pct", RuntimeTopologies.StatelessAvroMap), 1.0),
        ["stateful-rocksdb-aggregate"] = () => new StreamsPipeline("stateful-rocksdb-aggregate", RuntimeTopologies.StatefulAggregate, outputsTotals: true),
        ["stateful-uncached"] = () => new StreamsPipeline("stateful-uncached", RuntimeTopologies.StatefulAggregateUncached, outputsTotals: true),
        ["stateful-commit-100ms"] = () => new StreamsPipeline("stateful-commit-100ms", RuntimeTopologies.StatefulAggregate, outputsTotals: true, TimeSpan.FromMilliseconds(100)),
    };

    /// <summary>
    /// Runs <paramref name="run"/> on a fresh embedded cluster with its control endpoint, the bench's shared client
    /// settings and a state directory deleted afterwards; progress goes to standard error.
    /// </summary>
    internal static async Task<T> OnEmbeddedClusterAsync<T>(Func<EmbeddedKafkaCluster, BenchEnvironment, IProgress<string>, Task<T>> run)
    {
        using var cluster = EmbeddedKafkaCluster.Start();
        using var control = EmbeddedClusterControl.Start(cluster);
        var stateDirectory = Directory.CreateTempSubdirectory("orderstreams-bench-").FullName;
        try
        {
            using var topicAdmin = TopicAdmin.Create(new KafkaClientFactory(KafkaClientSettings.For(cluster.BootstrapServers)), control.Url);
            var environment = new BenchEnvironment(cluster.BootstrapServers, ProducerSettings, ConsumerSettings, stateDirectory) { TopicAdmin = topicAdmin };
            return await run(cluster, environment, new Progress<string>(line => Console.Error.WriteLine(line)));
        }
        finally
        {
            Directory.Delete(stateDirectory, recursive: true);
        }
    }

    private static Task<RuntimeBenchReport> RunRuntimeAsync(BenchSettings settings, IReadOnlyList<KeyValuePair<string, Func<IPipelineUnderTest>>> pipelines, int rounds, int restoreRecords, CancellationToken cancellation) =>
        OnEmbeddedClusterAsync(async (cluster, environment, progress) =>
        {
            var bench = new PipelineBench(cluster, environment, settings, progress);
            var restoreBench = new RestoreBench(cluster, environment, progress);
            // Rounds interleave the pipelines, so a burst of load from elsewhere hits them alike.
            var samples = pipelines.ToDictionary(p => p.Key, _ => new List<PipelineSample>());
            var restores = new List<RestoreResult>();
            for (var round = 1; round <= rounds; round++)
            {
                foreach (var (name, create) in pipelines)
                {
                    progress.Report($"round {round} of {rounds}");
                    samples[name].Add(await bench.MeasureAsync(create, cancellation));
                }
                if (restoreRecords > 0)
                    restores.Add(await restoreBench.MeasureAsync(restoreRecords, settings.ValueBytes, settings.Timeout, cancellation));
            }
            var results = new List<BenchResult>();
            foreach (var (name, _) in pipelines)
            {
                var (rate, p50, p99) = (Statistics.Median(samples[name].Select(s => s.RecordsPerSecond)), Statistics.Median(samples[name].Select(s => s.P50Ms)), Statistics.Median(samples[name].Select(s => s.P99Ms)));
                var baseline = results.FirstOrDefault();
                results.Add(new BenchResult(
                    name, settings.Records, rate, rate / (baseline?.RecordsPerSecond ?? rate),
                    settings.LatencyRate, p50, p99, p99 / (baseline?.LatencyP99Ms ?? p99)));
            }
            // As for the pipelines, the ratio is that of the medians.
            var restore = restores.Count == 0 ? null : restores[0] with
            {
                Seconds = Statistics.Median(restores.Select(r => r.Seconds)),
                RecordsPerSecond = Statistics.Median(restores.Select(r => r.RecordsPerSecond)),
                RegistrationSeconds = Statistics.Median(restores.Select(r => r.RegistrationSeconds)),
                CeilingSeconds = Statistics.Median(restores.Select(r => r.CeilingSeconds)),
                CeilingRecordsPerSecond = Statistics.Median(restores.Select(r => r.CeilingRecordsPerSecond)),
            };
            return new RuntimeBenchReport(Machine(), results, restore);
        });

    internal static string Machine() =>
        $"{Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";

    private static void Print(RuntimeBenchReport report)
    {
        Console.WriteLine(report.Machine);
        Console.WriteLine($"{"pipeline",-28} {"records/s",12} {"× ceiling",10} {"p50 ms",8} {"p99 ms",8} {"p99 ×",7}");
        foreach (var r in report.Pipelines)
            Console.WriteLine($"{r.Pipeline,-28} {r.RecordsPerSecond,12:N0} {r.ThroughputRatio,10:F2} {r.LatencyP50Ms,8:F2} {r.LatencyP99Ms,8:F2} {r.LatencyP99Ratio,7:F2}");
        if (report.Restore is not { } restore) return;
        Console.WriteLine($"{"restore ceiling (consumer)",-28} {restore.CeilingRecordsPerSecond,12:N0} {1.0,10:F2}   "
            + $"({restore.CeilingRecords:N0} records read to the end in {restore.CeilingSeconds:F2} s)");
        Console.WriteLine($"{"restore into RocksDB",-28} {restore.RecordsPerSecond,12:N0} {restore.CeilingRatio,10:F2}   "
            + $"({restore.Records:N0} records of {restore.ValueBytes} B in {restore.Seconds:F2} s, "
            + $"after {restore.RegistrationSeconds:F2} s opening the stores)");
    }
}
