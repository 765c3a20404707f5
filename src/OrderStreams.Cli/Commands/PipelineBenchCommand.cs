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

    public static Command Create()
    {
        var orders = new Option<int>("--orders") { Description = "Orders of the capacity run.", DefaultValueFactory = _ => 20_000 };
        var warmupOrders = new Option<int>("--warmup-orders")
        {
            Description = "Orders sent through all four services before anything is measured, so that no run pays for their JIT compilation.",
            DefaultValueFactory = _ => 5_000,
        };
        var rawRecords = new Option<int>("--raw-records") { Description = "Records of each round of the raw hops' throughput run.", DefaultValueFactory = _ => 300_000 };
        var rawRounds = new Option<int>("--raw-rounds")
        {
            Description = "Rounds of the raw hops' throughput run; the median counts (one round's window is a few seconds and swings between runs).",
            DefaultValueFactory = _ => 5,
        };
        var rawInFlight = new Option<int>("--raw-in-flight")
        {
            Description = "Most raw records between the first hop's input and the last hop's output at once.", DefaultValueFactory = _ => 50_000,
        };
        var inFlight = new Option<int>("--in-flight")
        {
            Description = "Most orders of the capacity run between placed and their delivered view at once.", DefaultValueFactory = _ => 1_000,
        };
        var drivers = new Option<int>("--drivers-per-branch")
        {
            Description = "Drivers of each of the 12 branches; enough that no order waits for one (the run reports any that did).",
            DefaultValueFactory = _ => 250,
        };
        var rate = new Option<int>("--rate") { Description = "Orders per second of the fixed-rate latency runs.", DefaultValueFactory = _ => 50 };
        var seconds = new Option<int>("--seconds") { Description = "Duration of each latency run.", DefaultValueFactory = _ => 20 };
        var brokers = new Option<int>("--brokers") { Description = "Brokers of the embedded cluster (one thread serves them all).", DefaultValueFactory = _ => 3 };
        var configuration = new Option<string>("--configuration") { Description = "Build configuration of the services.", DefaultValueFactory = _ => "Release" };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the results as JSON to this file." };
        var command = new Command("pipeline", "What the four services carry — orders/s, per-service cost, placed → driver-assigned latency — against four raw pass-through hops.")
        {
            orders, warmupOrders, rawRecords, rawRounds, rawInFlight, inFlight, drivers, rate, seconds, brokers, configuration, json,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            // Zero rounds would leave no median; zero records in flight would never send the first one.
            foreach (var option in new[] { rawRounds, rawInFlight })
            {
                if (parse.GetValue(option) >= 1) continue;
                await Console.Error.WriteLineAsync($"orderstreams: {option.Name} must be at least 1; got {parse.GetValue(option)}.");
                return ExitCodes.Usage;
            }
            var settings = new PipelineBenchSettings(
                parse.GetValue(orders), parse.GetValue(warmupOrders), parse.GetValue(rawRecords), parse.GetValue(rawRounds), parse.GetValue(rawInFlight), parse.GetValue(inFlight), parse.GetValue(drivers), parse.GetValue(rate),
                TimeSpan.FromSeconds(parse.GetValue(seconds)), parse.GetValue(brokers), parse.GetValue(configuration)!);
            var result = await RunAsync(settings, cancellation);
            Print(result);
            if (parse.GetValue(json) is { } file)
                await File.WriteAllTextAsync(file.FullName, JsonSerializer.Serialize(result, PipelineBenchJson.Default.PipelineBenchResult), CancellationToken.None);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<PipelineBenchResult> RunAsync(PipelineBenchSettings settings, CancellationToken cancellation)
    {
        var stateDirectory = Directory.CreateTempSubdirectory("orderstreams-bench-pipeline-").FullName;
        var (rate, duration) = (settings.LatencyRate, settings.LatencyDuration);
        try
        {
            using var kafka = EmbeddedKafka.Start(settings.Brokers, manifestPath: null);
            await using var registry = await EmbeddedSchemaRegistry.StartAsync(Path.Combine(stateDirectory, "registry"), cancellationToken: cancellation);
            // The same client settings as bench runtime, so the baselines compare; the services and the bench's clients get them too.
            var environment = new BenchEnvironment(kafka.Cluster.BootstrapServers, BenchCommand.ProducerSettings, BenchCommand.ConsumerSettings, stateDirectory);

            // The baseline runs first, while no service competes for the cores.
            double rawBusy, rawHalfBusy;
            List<double> rawRates = [];
            LatencySamples rawLatency, rawHalfLatency;
            int rawHalfRate;
            await using (var chain = await RawHopChain.StartAsync(kafka.Cluster, environment, cancellation))
            {
                Report($"{RawHopChain.Hops} raw hops: latency at {rate} records/s for {duration.TotalSeconds:N0} s");
                (rawLatency, rawBusy) = await MachineLoad.WhileAsync(() => chain.MeasureLatencyAsync(rate, duration, cancellation));
                for (var round = 1; round <= settings.RawRounds; round++)
                {
                    rawRates.Add(await chain.MeasureThroughputAsync(settings.RawRecords, settings.RawInFlight, cancellation));
                    Report($"{RawHopChain.Hops} raw hops: throughput round {round} of {settings.RawRounds}, {settings.RawRecords:N0} records, "
                        + $"at most {settings.RawInFlight:N0} in flight: {rawRates[^1]:N0} records/s");
                }
                // What half the capacity does to latency when nothing but librdkafka and the broker does the work.
                rawHalfRate = Math.Max(1, (int)(Statistics.Median(rawRates) / 2));
                Report($"{RawHopChain.Hops} raw hops: latency at half their throughput, {rawHalfRate:N0} records/s for {duration.TotalSeconds:N0} s");
                (rawHalfLatency, rawHalfBusy) = await MachineLoad.WhileAsync(() => chain.MeasureLatencyAsync(rawHalfRate, duration, cancellation));
            }

            Report($"starting the four services ({settings.DriversPerBranch} drivers in each of {BenchCity.Branches} branches)");
            await using var services = await ServicePipeline.StartAsync(
                kafka, registry.Url, environment, settings.Configuration, settings.DriversPerBranch, cancellation);
            if (settings.WarmupOrders > 0)
            {
                Report($"services: warm-up, {settings.WarmupOrders:N0} orders through all four");
                await services.MeasureCapacityAsync(settings.WarmupOrders, settings.InFlight, cancellation);
            }
            Report($"services: latency at {rate} orders/s for {duration.TotalSeconds:N0} s");
            var (latency, latencyBusy) = await MachineLoad.WhileAsync(() => services.MeasureLatencyAsync(rate, duration, cancellation));
            Report($"services: capacity over {settings.Orders:N0} orders, at most {settings.InFlight:N0} in flight");
            var (capacity, capacityBusy) = await MachineLoad.WhileAsync(() => services.MeasureCapacityAsync(settings.Orders, settings.InFlight, cancellation));
            var halfRate = Math.Max(1, (int)(capacity.OrdersDenormalisedPerSecond / 2));
            Report($"services: latency at half capacity, {halfRate:N0} orders/s for {duration.TotalSeconds:N0} s");
            var (halfLatency, halfBusy) = await MachineLoad.WhileAsync(() => services.MeasureLatencyAsync(halfRate, duration, cancellation));
            return new PipelineBenchResult(
                settings.Orders, settings.RawRecords, rate, settings.DriversPerBranch, Statistics.Median(rawRates), rawRates,
                capacity.OrdersAssignedPerSecond, capacity.OrdersDenormalisedPerSecond, await services.OrdersQueuedForDriverAsync(cancellation), capacity.Services,
                capacity.BrokerAndBenchCpuSecondsPer1000Orders,
                rawLatency.PercentileMs(50), rawLatency.PercentileMs(99),
                rawHalfRate, rawHalfLatency.PercentileMs(50), rawHalfLatency.PercentileMs(99),
                latency.PlacedToDriverAssigned.PercentileMs(50), latency.PlacedToDriverAssigned.PercentileMs(99), latency.Steps,
                halfRate, halfLatency.PlacedToDriverAssigned.PercentileMs(50), halfLatency.PlacedToDriverAssigned.PercentileMs(99), halfLatency.Steps,
                new MachineBusy(rawBusy, rawHalfBusy, latencyBusy, capacityBusy, halfBusy));
        }
        finally
        {
            Directory.Delete(stateDirectory, recursive: true);
        }
    }

    private static void Report(string line) => Console.Error.WriteLine(line);

    private static void Print(PipelineBenchResult r)
    {
        Console.WriteLine($"{"",-40} {"per second",12} {"p50 ms",8} {"p99 ms",8}");
        Console.WriteLine($"{$"{RawHopChain.Hops} raw hops (records; latency at {r.LatencyRate}/s)",-40} {r.RawRecordsPerSecond,12:N0} {r.RawP50Ms,8:F1} {r.RawP99Ms,8:F1}");
        Console.WriteLine($"{$"{RawHopChain.Hops} raw hops at {r.RawHalfCapacityRate:N0}/s (½ their throughput)",-40} {"",12} {r.RawHalfCapacityP50Ms,8:F1} {r.RawHalfCapacityP99Ms,8:F1}");
        Console.WriteLine($"{$"placed → driver-assigned at {r.LatencyRate}/s",-40} {"",12} {r.PlacedToDriverAssignedP50Ms,8:F1} {r.PlacedToDriverAssignedP99Ms,8:F1}");
        Console.WriteLine($"{$"placed → driver-assigned at {r.HalfCapacityRate:N0}/s (½ cap.)",-40} {"",12} {r.HalfCapacityP50Ms,8:F1} {r.HalfCapacityP99Ms,8:F1}");
        foreach (var (step, half) in r.Steps.Zip(r.HalfCapacitySteps))
            Console.WriteLine($"{$"  of which {step.Step}",-40} {"",12} {step.P50Ms,8:F1} {step.P99Ms,8:F1}   ½ cap.: {half.P50Ms,8:F1} {half.P99Ms,8:F1}");
        Console.WriteLine($"{"capacity: orders given a driver",-40} {r.OrdersAssignedPerSecond,12:N0}");
        Console.WriteLine($"{"capacity: orders through all four",-40} {r.OrdersDenormalisedPerSecond,12:N0}");
        Console.WriteLine($"{"all four ÷ raw hops",-40} {r.OrdersDenormalisedPerSecond / r.RawRecordsPerSecond,12:F3}");
        Console.WriteLine($"raw hops' throughput: median of {r.RawRecordsPerSecondRounds.Count} rounds, {r.RawRecordsPerSecondRounds.Min():N0} to {r.RawRecordsPerSecondRounds.Max():N0} records/s");
        Console.WriteLine($"{"p99 ÷ raw p99 (at the rate; at ½ cap.)",-40} {"",12} {r.PlacedToDriverAssignedP99Ms / r.RawP99Ms,7:F1}x {r.HalfCapacityP99Ms / r.RawP99Ms,7:F1}x");
        Console.WriteLine($"{"orders that waited for a driver",-40} {r.OrdersQueuedForDriver,12:N0}");
        var busy = r.MachineBusy;
        Console.WriteLine($"machine busy: raw hops {busy.RawLatency:P0}, at ½ their throughput {busy.RawHalfCapacity:P0}; services at {r.LatencyRate}/s {busy.Latency:P0}, at capacity {busy.Capacity:P0}, at ½ cap. {busy.HalfCapacity:P0}");
        Console.WriteLine();
        Console.WriteLine($"{"service",-20} {"records in/s",13} {"records out/s",14} {"CPU s / 1000 orders",20}");
        foreach (var s in r.Services)
            Console.WriteLine($"{s.Service,-20} {s.RecordsInPerSecond,13:N0} {s.RecordsOutPerSecond,14:N0} {s.CpuSecondsPer1000Orders,20:F2}");
        Console.WriteLine($"{"broker + bench",-20} {"",13} {"",14} {r.BrokerAndBenchCpuSecondsPer1000Orders,20:F2}");
    }
}
