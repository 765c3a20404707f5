using System.CommandLine;
using System.Diagnostics;
using OrderStreams.Simulator;
using OrderStreams.Simulator.Kafka;

namespace OrderStreams.Cli.Commands;

/// <summary>
/// <c>orderstreams simulate</c>: the traffic simulator on its own against any cluster (the dev platform runs it in-process),
/// e.g. as docker-compose's simulator profile.
/// </summary>
internal static class SimulateCommand
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(10);

    public static Command Create()
    {
        var connection = new KafkaConnectionOptions();
        var rate = new Option<double>("--orders-per-second") { Description = "Order arrivals per second outside rush.", DefaultValueFactory = _ => 20 };
        var seed = new Option<int>("--seed") { Description = "Seed of every random choice.", DefaultValueFactory = _ => 7 };
        var duration = new Option<int?>("--duration") { Description = "Stop after this many seconds (default: run until stopped)." };
        var maxOrders = new Option<int?>("--max-orders") { Description = "Place no more orders after this many; payments, pings and deliveries go on." };

        var command = new Command("simulate", "Produce the simulated city's traffic (reference data, orders, payments, driver pings, deliveries) and play the driver app, until stopped.")
        {
            rate, seed, duration, maxOrders,
        };
        connection.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            var clients = connection.Clients(parse);
            var options = new SimulatorOptions { OrdersPerSecond = parse.GetValue(rate), Seed = parse.GetValue(seed), MaxOrders = parse.GetValue(maxOrders) };

            using var registry = connection.SchemaRegistry(parse);
            using var sink = new KafkaTrafficSink(clients, registry);
            using var feed = new DriverAssignmentFeed(clients, registry, $"orderstreams-driver-app-{Guid.NewGuid():N}");
            var simulator = new TrafficSimulator(options, sink, DateTimeOffset.UtcNow);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            if (parse.GetValue(duration) is { } seconds) stop.CancelAfter(TimeSpan.FromSeconds(seconds));

            var clock = Stopwatch.StartNew();
            await Console.Error.WriteLineAsync($"Simulating {options.Branches} branches at {options.OrdersPerSecond} orders/s against {clients.Settings.BootstrapServers}. Stop with Ctrl-C.");
            var progress = ReportProgressAsync(simulator.Stats, stop.Token);
            await SimulationRunner.RunAsync(simulator, sink, feed, stop.Token);
            await progress;

            var stats = simulator.Stats;
            Console.WriteLine($"orders={stats.OrdersPlaced} payment_events={stats.PaymentEvents} assignments={stats.AssignmentsSeen} deliveries={stats.Delivered} rejected_by_broker={sink.Failed} seconds={clock.Elapsed.TotalSeconds:F0}");
            if (sink.Failed == 0) return ExitCodes.Ok;
            await Console.Error.WriteLineAsync($"orderstreams: the broker did not accept {sink.Failed} record(s).");
            return ExitCodes.IoError;
        });
        return command;
    }

    private static async Task ReportProgressAsync(SimulationStats stats, CancellationToken stop)
    {
        using var tick = new PeriodicTimer(ProgressInterval);
        try
        {
            while (await tick.WaitForNextTickAsync(stop))
                await Console.Error.WriteLineAsync($"{stats.OrdersPlaced} orders placed, {stats.AssignmentsSeen} driver assignments seen, {stats.Delivered} delivered");
        }
        catch (OperationCanceledException)
        {
        }
    }
}
