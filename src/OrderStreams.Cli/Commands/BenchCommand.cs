using System.CommandLine;
using System.Text.Json;
using OrderStreams.Cli.Bench;
using OrderStreams.Kafka.Embedded;

namespace OrderStreams.Cli.Commands;

/// <summary><c>orderstreams bench runtime</c>: throughput and per-hop latency of our pipelines against raw librdkafka, in one run.</summary>
internal static class BenchCommand
{
    // Shared by every pipeline so they compare fairly. The mock cluster answers a fetch only when
    // fetch.wait.max.ms expires, so the librdkafka default (500 ms) would dominate every latency figure.
    private static readonly Dictionary<string, string> ProducerSettings = new() { ["linger.ms"] = "5" };
    private static readonly Dictionary<string, string> ConsumerSettings = new() { ["fetch.wait.max.ms"] = "10" };

    public static Command Create()
    {
        var records = new Option<int>("--records") { Description = "Records preloaded for the throughput runs.", DefaultValueFactory = _ => 200_000 };
        var valueBytes = new Option<int>("--value-bytes") { Description = "Size of each record value.", DefaultValueFactory = _ => 200 };
        var latencyRate = new Option<int>("--latency-rate") { Description = "Input rate of the latency runs, records/s.", DefaultValueFactory = _ => 2_000 };
        var latencySeconds = new Option<int>("--latency-seconds") { Description = "Duration of each latency run.", DefaultValueFactory = _ => 10 };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the results as JSON to this file." };

        var runtime = new Command("runtime", "Measure pass-through (raw librdkafka, the ceiling) and the streams runtime on the embedded broker, reported as ratios.")
        {
            records, valueBytes, latencyRate, latencySeconds, json,
        };
        runtime.SetAction(async (parse, cancellation) =>
        {
            var settings = new BenchSettings(
                parse.GetValue(records), parse.GetValue(valueBytes), parse.GetValue(latencyRate),
                TimeSpan.FromSeconds(parse.GetValue(latencySeconds)), TimeSpan.FromMinutes(3));
            var results = await RunAsync(settings, cancellation);
            Print(results);
            if (parse.GetValue(json) is { } file)
                await File.WriteAllTextAsync(file.FullName, JsonSerializer.Serialize(results, BenchJson.Default.IReadOnlyListBenchResult), CancellationToken.None);
            return ExitCodes.Ok;
        });

        return new Command("bench", "Benchmarks that need a broker (codec micro-benchmarks live in bench/OrderStreams.Benchmarks).") { runtime, Bench.Pipeline.PipelineBenchCommand.Create() };
    }

    private static async Task<IReadOnlyList<BenchResult>> RunAsync(BenchSettings settings, CancellationToken cancellation)
    {
        using var cluster = EmbeddedKafkaCluster.Start();
        var stateDirectory = Directory.CreateTempSubdirectory("orderstreams-bench-").FullName;
        try
        {
            var environment = new BenchEnvironment(cluster.BootstrapServers, ProducerSettings, ConsumerSettings, stateDirectory);
            var progress = new Progress<string>(line => Console.Error.WriteLine(line));
            var bench = new PipelineBench(cluster, environment, settings, progress);
            var pipelines = new (string Name, Func<IPipelineUnderTest> Create)[]
            {
                ("passthrough", () => new PassThroughPipeline()),
            };

            var results = new List<BenchResult>();
            foreach (var (name, create) in pipelines)
            {
                var (rate, p50, p99) = await bench.MeasureAsync(create, cancellation);
                var baseline = results.FirstOrDefault();
                results.Add(new BenchResult(
                    name, settings.Records, rate, rate / (baseline?.RecordsPerSecond ?? rate),
                    settings.LatencyRate, p50, p99, p99 / (baseline?.LatencyP99Ms ?? p99)));
            }
            return results;
        }
        finally
        {
            Directory.Delete(stateDirectory, recursive: true);
        }
    }

    private static void Print(IReadOnlyList<BenchResult> results)
    {
        Console.WriteLine($"{"pipeline",-22} {"records/s",12} {"× ceiling",10} {"p50 ms",8} {"p99 ms",8} {"p99 ×",7}");
        foreach (var r in results)
            Console.WriteLine($"{r.Pipeline,-22} {r.RecordsPerSecond,12:N0} {r.ThroughputRatio,10:F2} {r.LatencyP50Ms,8:F2} {r.LatencyP99Ms,8:F2} {r.LatencyP99Ratio,7:F2}");
    }
}
