using System.CommandLine;
using System.Text.Json;
using OrderStreams.Platform;
using OrderStreams.Platform.Dashboard;
using OrderStreams.Simulator;

namespace OrderStreams.Cli.Commands;

/// <summary><c>orderstreams dev</c>: the whole pipeline on the embedded broker, with traffic, a console view and a web dashboard.</summary>
internal static class DevCommand
{
    /// <summary>The simulator's hot branch on a partition of its own.</summary>
    public const string DefaultBranchRouting = "branch-00=11";

    public static Command Create()
    {
        var defaults = new SimulatorOptions();
        var duration = new Option<int?>("--duration") { Description = "Stop after this many seconds (default: run until Ctrl-C)." };
        var summaryJson = new Option<FileInfo?>("--summary-json")
        {
            Description = "Write the final order funnel and, per service, the run's peak lag and the lag at its end to this file as JSON.",
        };
        var rate = new Option<double>("--orders-per-second")
        {
            Description = "Order arrivals per second outside rush (--rush-multiplier times that in one); branches are staffed for it.",
            DefaultValueFactory = _ => defaults.OrdersPerSecond,
        };
        var rushMultiplier = new Option<double>("--rush-multiplier")
        {
            Description = "Arrival rate during a rush as a multiple of --orders-per-second (at least 1); branches are staffed for it.",
            DefaultValueFactory = _ => defaults.RushMultiplier,
        };
        var rushEvery = new Option<double>("--rush-every")
        {
            Description = "Seconds from the start of one rush to the start of the next.",
            DefaultValueFactory = _ => defaults.RushEvery.TotalSeconds,
        };
        var rushSeconds = new Option<double>("--rush-seconds")
        {
            Description = "How long each rush lasts, in seconds (shorter than --rush-every).",
            DefaultValueFactory = _ => defaults.RushLength.TotalSeconds,
        };
        var seed = new Option<int>("--seed") { Description = "Simulator seed.", DefaultValueFactory = _ => 7 };
        var port = new Option<int>("--dashboard-port") { Description = "Dashboard port on 127.0.0.1 (0: a free one).", DefaultValueFactory = _ => 0 };
        var stateDir = new Option<DirectoryInfo?>("--state-dir") { Description = "Where state, schemas and logs go (default: .state/dev in the checkout)." };
        var configuration = new Option<string>("--configuration") { Description = "Build configuration of the services to run.", DefaultValueFactory = _ => "Release" };
        var maxOrders = new Option<int?>("--max-orders") { Description = "Stop placing orders after this many (payments, pings and deliveries go on)." };
        var renameEvery = new Option<int>("--driver-rename-every") { Description = "Seconds between driver renames (reference-data changes).", DefaultValueFactory = _ => 30 };
        var routing = new Option<string>("--branch-routing")
        {
            Description = "Hot branches on partitions of their own, branch=partition,… (the simulator's hot branch is branch-00); empty: murmur2 for all.",
            DefaultValueFactory = _ => DefaultBranchRouting,
        };

        var command = new Command("dev", "Run the whole platform on this machine: embedded broker and schema registry, every service, the traffic simulator, a live view and a web dashboard.")
        {
            duration, summaryJson, rate, rushMultiplier, rushEvery, rushSeconds, seed, port, stateDir, configuration, maxOrders,
            renameEvery, routing,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var rush = new DevRushOptions(parse.GetValue(rushMultiplier), parse.GetValue(rushEvery), parse.GetValue(rushSeconds));
            if (rush.Problem is { } problem)
            {
                await Console.Error.WriteLineAsync($"orderstreams: {problem}");
                return ExitCodes.Usage;
            }
            var simulator = rush.ApplyTo(new SimulatorOptions
            {
                OrdersPerSecond = parse.GetValue(rate),
                Seed = parse.GetValue(seed),
                MaxOrders = parse.GetValue(maxOrders),
                DriverRenameEvery = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(renameEvery))),
            });
            var table = RoutingCommand.ParseOption(parse.GetValue(routing));
            var options = new DevPlatformOptions(
                parse.GetValue(stateDir)?.FullName ?? Checkout.DevStateDirectory(), parse.GetValue(configuration)!, simulator, parse.GetValue(port), table);

            await using var platform = await DevPlatform.StartAsync(options, Checkout.Root());
            foreach (var line in platform.ConnectionLines) Console.WriteLine(line);
            await Console.Error.WriteLineAsync($"Running {platform.Fleet.Instances.Count} services and the simulator; logs in {Path.Combine(options.StateDirectory, "logs")}. Stop with Ctrl-C.");

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            if (parse.GetValue(duration) is { } seconds) stop.CancelAfter(TimeSpan.FromSeconds(seconds));
            await ConsoleView.RunAsync(platform.Monitor, platform.Fleet, stop.Token);

            var final = platform.Monitor.Latest;
            if (final is not null) await Console.Error.WriteLineAsync(ConsoleView.StatusLine(final));
            if (parse.GetValue(summaryJson) is { } file && final is not null)
            {
                var summary = new DevSummary(final.Funnel, platform.Monitor.LagSummary);
                var json = JsonSerializer.Serialize(summary, DashboardJson.Default.DevSummary);
                await File.WriteAllTextAsync(file.FullName, json, CancellationToken.None);
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
