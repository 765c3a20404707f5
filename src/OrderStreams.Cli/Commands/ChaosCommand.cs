using System.CommandLine;
using System.Text.Json;
using OrderStreams.Cli.Chaos;
using OrderStreams.Platform;
using OrderStreams.Simulator;

namespace OrderStreams.Cli.Commands;

/// <summary>
/// <c>orderstreams chaos --duration S</c>: the dev platform under traffic while services are killed and brokers fail,
/// then an audit of every order from the topics. Exits 1 when the audit fails.
/// </summary>
internal static class ChaosCommand
{
    public static Command Create()
    {
        var duration = new Option<int>("--duration") { Description = "Seconds of traffic with faults.", Required = true };
        var killEvery = Seconds("--kill-every", "Kill a random service with SIGKILL every this many seconds (0: never).", 30);
        var brokerStopEvery = Seconds("--broker-stop-every", "Take a random broker down every this many seconds (0: never).", 120);
        var brokerDownFor = Seconds("--broker-down-for", "Seconds a stopped broker stays down.", 10);
        var coordinatorEvery = Seconds("--coordinator-failover-every", "Move the services' group coordinators to another broker every this many seconds (0: never).", 0);
        var errorsEvery = Seconds("--request-errors-every", "Make the next few Produce and Fetch requests fail with retriable errors every this many seconds (0: never).", 0);
        var settleTimeout = Seconds("--settle-timeout", "Once orders stop, seconds every order may take to reach its outcome and every group lag 0.", 300);
        var rate = new Option<double>("--orders-per-second")
        {
            Description = "Simulated order arrivals per second outside rush (three times as many at rush).",
            DefaultValueFactory = _ => new SimulatorOptions().OrdersPerSecond,
        };
        var seed = new Option<int>("--seed") { Description = "Seed of the simulator and of the fault choices.", DefaultValueFactory = _ => 7 };
        var stateDir = new Option<DirectoryInfo?>("--state-dir") { Description = "Where state, schemas and logs go (default: .state/chaos in the checkout)." };
        var configuration = new Option<string>("--configuration") { Description = "Build configuration of the services to run.", DefaultValueFactory = _ => "Release" };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON." };

        var command = new Command("chaos", "Run the platform under traffic while killing services (SIGKILL) and stopping brokers, then audit every order from the topics.")
        {
            duration, killEvery, brokerStopEvery, brokerDownFor, coordinatorEvery, errorsEvery, settleTimeout, rate, seed, stateDir, configuration, json,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            if (parse.GetValue(duration) < 1) throw new InvalidDataException("--duration must be at least 1 second.");
            TimeSpan? Every(Option<int> option) => parse.GetValue(option) > 0 ? TimeSpan.FromSeconds(parse.GetValue(option)) : null;
            var chaos = new ChaosOptions(
                TimeSpan.FromSeconds(parse.GetValue(duration)), Every(killEvery), Every(brokerStopEvery), TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(brokerDownFor))),
                Every(coordinatorEvery), Every(errorsEvery), TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(settleTimeout))), parse.GetValue(seed));
            var simulator = new SimulatorOptions { OrdersPerSecond = parse.GetValue(rate), Seed = parse.GetValue(seed) };
            var platform = new DevPlatformOptions(
                parse.GetValue(stateDir)?.FullName ?? Path.Combine(Checkout.Root(), ".state", "chaos"), parse.GetValue(configuration)!, simulator, 0,
                RoutingCommand.ParseOption(DevCommand.DefaultBranchRouting));

            ChaosSummary summary;
            try
            {
                summary = await new ChaosRun(platform, chaos, Console.Error).RunAsync(Checkout.Root(), cancellation);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync("orderstreams: chaos interrupted before its audit.");
                return ExitCodes.Failure;
            }
            Console.WriteLine(parse.GetValue(json) ? JsonSerializer.Serialize(summary, ChaosJson.Default.ChaosSummary) : Text(summary));
            return summary.Passed ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return command;
    }

    private static Option<int> Seconds(string name, string description, int defaultValue) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue };

    private static string Text(ChaosSummary s)
    {
        var a = s.Audit;
        var lines = new List<string>
        {
            $"chaos: {s.DurationSeconds:F0} s at {s.OrdersPerSecond} orders/s; machine load {s.LoadAverage ?? "unknown"}",
            $"faults: {s.Kills} kills (SIGKILL), {s.Restarts} restarts, {s.GaveUp} given up, {s.BrokerStops} broker stops, "
            + $"{s.CoordinatorFailovers} coordinator failovers, {s.ErrorBursts} request error bursts",
            $"orders: {a.Orders} placed ({a.SimulatorOrders} by the simulator): {a.Delivered} delivered, {a.Rejected} rejected, "
            + $"{a.PaymentFailed} payment failed, {a.PaymentExpired} payment expired ({a.ExpiredThoughPaidInTime} of them with a capture dated in time, "
            + $"{a.RefundedThoughPaidInTime} of those refunded)",
            $"settled in {s.SettleSeconds:F0} s{(s.Settled ? "" : " (NOT within the settle timeout)")}",
            $"audit: {a.Stuck} stuck, {a.Lost} lost, {a.Conflicting} conflicting, {a.TwoOutcomes} with two outcomes, {a.ViewMismatches} views differing, "
            + $"{a.QueryFailures} of {a.QueriesAsked} queries wrong, {a.DeadLetters} dead letters, {a.Unreadable} unreadable, {a.TruncatedPartitions} truncated partitions",
            $"repeated identical steps (at-least-once): {a.Repeated} orders (not a failure)",
        };
        lines.AddRange(a.Problems.Select(p => "  " + p));
        lines.Add(s.Passed ? "PASSED" : "FAILED");
        return string.Join(Environment.NewLine, lines);
    }
}
