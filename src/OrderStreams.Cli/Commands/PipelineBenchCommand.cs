using System.CommandLine;
using System.Text.Json;
using OrderStreams.Bench;
using OrderStreams.Bench.Pipeline;
using OrderStreams.Platform;
using OrderStreams.SchemaRegistry.Server;

namespace OrderStreams.Cli.Commands;

/// <summary>
/// <c>orderstreams bench pipeline</c>: orders per second through the four services and the latency from an order to
/// its driver at a stated rate, against four raw librdkafka hops measured first in the same run.
/// </summary>
internal static class PipelineBenchCommand
{
    // The same client settings as bench runtime, so the baselines compare.
    private static readonly Dictionary<string, string> ProducerSettings = new() { ["linger.ms"] = "5" };
    private static readonly Dictionary<string, string> ConsumerSettings = new() { ["fetch.wait.max.ms"] = "10" };

    public static Command Create()
    {
        var orders = new Option<int>("--orders") { Description = "Orders sent at once for the throughput runs (raw records for the baseline).", DefaultValueFactory = _ => 6_000 };
        var rate = new Option<int>("--rate") { Description = "Orders per second of the latency runs.", DefaultValueFactory = _ => 50 };
        var seconds = new Option<int>("--seconds") { Description = "Duration of each latency run.", DefaultValueFactory = _ => 20 };
        var configuration = new Option<string>("--configuration") { Description = "Build configuration of the services.", DefaultValueFactory = _ => "Release" };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the results as JSON to this file." };
        var command = new Command("pipeline", "Orders/s through the four services and placed → driver-assigned latency, against four raw pass-through hops.")
        {
            orders, rate, seconds, configuration, json,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var result = await RunAsync(parse.GetValue(orders), parse.GetValue(rate), TimeSpan.FromSeconds(parse.GetValue(seconds)), parse.GetValue(configuration)!, cancellation);
            Print(result);
            if (parse.GetValue(json) is { } file)
                await File.WriteAllTextAsync(file.FullName, JsonSerializer.Serialize(result, PipelineBenchJson.Default.PipelineBenchResult), CancellationToken.None);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<PipelineBenchResult> RunAsync(int orders, int rate, TimeSpan duration, string configuration, CancellationToken cancellation)
    {
        var stateDirectory = Directory.CreateTempSubdirectory("orderstreams-bench-pipeline-").FullName;
        try
        {
            using var kafka = EmbeddedKafka.Start(brokers: 3, manifestPath: null);
            await using var registry = await EmbeddedSchemaRegistry.StartAsync(Path.Combine(stateDirectory, "registry"), cancellationToken: cancellation);
            var environment = new BenchEnvironment(kafka.Cluster.BootstrapServers, ProducerSettings, ConsumerSettings, stateDirectory);

            // The baseline runs first, while no service competes for the cores.
            double rawRate;
            LatencySamples rawLatency;
            await using (var chain = await RawHopChain.StartAsync(kafka.Cluster, environment, cancellation))
            {
                Report($"{RawHopChain.Hops} raw hops: latency at {rate} records/s for {duration.TotalSeconds:N0} s");
                rawLatency = await chain.MeasureLatencyAsync(rate, duration, cancellation);
                Report($"{RawHopChain.Hops} raw hops: throughput over {orders:N0} records");
                rawRate = await chain.MeasureThroughputAsync(orders, cancellation);
            }

            Report("starting the four services");
            await using var services = await ServicePipeline.StartAsync(kafka, registry.Url, stateDirectory, configuration, cancellation);
            Report($"services: latency at {rate} orders/s for {duration.TotalSeconds:N0} s");
            var latency = await services.MeasureLatencyAsync(rate, duration, cancellation);
            Report($"services: throughput over {orders:N0} orders");
            var (assigned, denormalised) = await services.MeasureThroughputAsync(orders, cancellation);
            return new PipelineBenchResult(
                orders, rate, rawRate, assigned, denormalised,
                rawLatency.PercentileMs(50), rawLatency.PercentileMs(99), latency.PercentileMs(50), latency.PercentileMs(99));
        }
        finally
        {
            Directory.Delete(stateDirectory, recursive: true);
        }
    }

    private static void Report(string line) => Console.Error.WriteLine(line);

    private static void Print(PipelineBenchResult r)
    {
        Console.WriteLine($"{"",-34} {"per second",12} {"p50 ms",8} {"p99 ms",8}");
        Console.WriteLine($"{$"{RawHopChain.Hops} raw hops (records)",-34} {r.RawRecordsPerSecond,12:N0} {r.RawP50Ms,8:F1} {r.RawP99Ms,8:F1}");
        Console.WriteLine($"{"placed → driver-assigned (orders)",-34} {r.OrdersAssignedPerSecond,12:N0} {r.PlacedToDriverAssignedP50Ms,8:F1} {r.PlacedToDriverAssignedP99Ms,8:F1}");
        Console.WriteLine($"{"through all four services (orders)",-34} {r.OrdersDenormalisedPerSecond,12:N0}");
        Console.WriteLine($"{"services ÷ raw hops",-34} {r.OrdersAssignedPerSecond / r.RawRecordsPerSecond,12:F3} {r.PlacedToDriverAssignedP50Ms / r.RawP50Ms,8:F1}x {r.PlacedToDriverAssignedP99Ms / r.RawP99Ms,7:F1}x");
    }
}
