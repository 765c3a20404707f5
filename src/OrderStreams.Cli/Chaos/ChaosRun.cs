using Confluent.SchemaRegistry;
using OrderStreams.Platform;
using OrderStreams.Operations.Clients;
using OrderStreams.SchemaRegistry;

namespace OrderStreams.Cli.Chaos;

/// <summary>
/// One chaos run: the dev platform with simulated traffic; faults for a while; then no new orders until every order
/// has its outcome, no traffic at all until every group's lag is 0; then the audit. Progress (each fault, each
/// supervisor event, a status line every few seconds) goes to <paramref name="log"/> as it happens.
/// </summary>
internal sealed class ChaosRun(DevPlatformOptions platformOptions, ChaosOptions options, TextWriter log)
{
    private static readonly TimeSpan ReadinessWait = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan MinimumLagWait = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan StatusEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LedgerEvery = TimeSpan.FromSeconds(10);

    private readonly DateTime started = DateTime.UtcNow;
    private DevPlatform? platform;
    private ChaosMonkey? monkey;
    private int supervisorEventsShown;
    private DateTime statusShown;
    private DateTime ledgerRead;

    public async Task<ChaosSummary> RunAsync(string repositoryRoot, CancellationToken cancellationToken)
    {
        await using var running = platform = await DevPlatform.StartAsync(platformOptions, repositoryRoot);
        Say($"platform started ({string.Join(", ", running.ConnectionLines)}); logs in {Path.Combine(platformOptions.StateDirectory, "logs")}");
        if (!await WaitAsync(() => running.AllReadyAsync(cancellationToken), ReadinessWait, cancellationToken))
            Say($"not every service was ready within {ReadinessWait.TotalMinutes:F0} min; going on (see the service logs)");

        monkey = new ChaosMonkey(options, running.Fleet, running.Kafka.Cluster, Say);
        using (var faulting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            faulting.CancelAfter(options.Duration);
            Say($"traffic flows; faults for {options.Duration.TotalSeconds:F0} s");
            var faults = monkey.RunAsync(faulting.Token);
            await WaitAsync(() => Task.FromResult(false), Timeout.InfiniteTimeSpan, faulting.Token);
            await faults;
        }
        cancellationToken.ThrowIfCancellationRequested();

        running.Simulator.StopOrdering();
        var stoppedAt = DateTime.UtcNow;
        Say($"no new orders after {running.Simulator.Stats.OrdersPlaced}; waiting for every order's outcome");
        using var cluster = new ClusterConnection([new("bootstrap.servers", running.Kafka.Cluster.BootstrapServers)]);
        using var registry = new SchemaRegistrySettings { Url = running.Registry.Url.ToString() }.CreateClient();
        var settled = await WaitAsync(
            () => Task.FromResult(FunnelSettled(running) && EveryOrderHasAnOutcome(cluster, registry, running.Simulator.Stats.OrdersPlaced, cancellationToken)),
            options.SettleTimeout, cancellationToken);
        await running.StopTrafficAsync();
        var quietAt = DateTimeOffset.UtcNow;
        Say("traffic stopped; waiting for every group's lag to be 0");
        var lagWait = options.SettleTimeout - (DateTime.UtcNow - stoppedAt);
        settled &= await WaitAsync(() => Task.FromResult(LagIsZero(running, quietAt)), lagWait > MinimumLagWait ? lagWait : MinimumLagWait, cancellationToken);
        var settleSeconds = (DateTime.UtcNow - stoppedAt).TotalSeconds;

        Say("auditing the topics, the views and the query API");
        var audit = await PipelineAudit.RunAsync(
            cluster, registry, running.Kafka.Manifest, running.Dashboard.Url, running.Simulator.Stats.OrdersPlaced, options.Seed, cancellationToken);
        var instances = running.Fleet.Instances;
        return new ChaosSummary(
            options.Duration.TotalSeconds,
            platformOptions.Simulator.OrdersPerSecond,
            monkey.Kills,
            instances.Sum(i => i.Restarts),
            instances.Count(i => i.GaveUp),
            monkey.BrokerStops,
            monkey.CoordinatorFailovers,
            monkey.ErrorBursts,
            Math.Round(settleSeconds, 1),
            settled,
            LoadAverage(),
            audit);
    }

    /// <summary>
    /// The platform's funnel has as many terminal outcomes as orders: needed for every order to have one, not enough
    /// (an order with two outcomes counts twice there), so <see cref="EveryOrderHasAnOutcome"/> checks after it.
    /// </summary>
    private static bool FunnelSettled(DevPlatform running)
    {
        if (running.Monitor.Latest is not { Funnel: var f }) return false;
        return f.Placed >= running.Simulator.Stats.OrdersPlaced && f.PaymentFailed + f.PaymentExpired + f.Rejected + f.Delivered >= f.Placed;
    }

    /// <summary>Every order placed has a terminal outcome on the topics, read whole at most every few seconds.</summary>
    private bool EveryOrderHasAnOutcome(ClusterConnection cluster, ISchemaRegistryClient registry, long placed, CancellationToken cancellationToken)
    {
        if (DateTime.UtcNow - ledgerRead < LedgerEvery) return false;
        ledgerRead = DateTime.UtcNow;
        var orders = OrderLedger.Read(cluster, registry, cancellationToken).Orders.Values.Where(o => o.Placed is not null).ToList();
        return orders.Count >= placed && orders.All(o => o.Outcomes.Count > 0);
    }

    /// <summary>A sample taken after <paramref name="since"/> shows every instance running with nothing left to consume.</summary>
    private static bool LagIsZero(DevPlatform running, DateTimeOffset since) =>
        running.Monitor.Latest is { } sample && sample.At > since && sample.Services.All(s => s.Lag == 0 && s.State == "running");

    /// <summary>Waits until <paramref name="condition"/> holds (true) or <paramref name="timeout"/> passes (false), showing progress.</summary>
    private async Task<bool> WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = timeout == Timeout.InfiniteTimeSpan ? DateTime.MaxValue : DateTime.UtcNow + timeout;
        while (!cancellationToken.IsCancellationRequested && DateTime.UtcNow < deadline)
        {
            ShowProgress();
            if (await condition()) return true;
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        return false;
    }

    private void ShowProgress()
    {
        if (platform is null) return;
        var fleet = platform.Fleet;
        if (fleet.EventCount > supervisorEventsShown)
        {
            var recent = fleet.RecentEvents;
            foreach (var line in recent.Skip(Math.Max(0, recent.Count - (fleet.EventCount - supervisorEventsShown)))) log.WriteLine(line);
            supervisorEventsShown = fleet.EventCount;
        }
        if (DateTime.UtcNow - statusShown < StatusEvery || platform.Monitor.Latest is not { } sample) return;
        statusShown = DateTime.UtcNow;
        var faults = monkey is null ? "" : $"kills {monkey.Kills}, restarts {fleet.Instances.Sum(i => i.Restarts)}, broker stops {monkey.BrokerStops}"
            + (monkey.DownBroker is { } down ? $" (broker {down} down)" : "") + " | ";
        log.WriteLine($"[{(DateTime.UtcNow - started).TotalSeconds:F0} s] {faults}{ConsoleView.StatusLine(sample)}");
    }

    private void Say(string what) => log.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] chaos: {what}");

    private static string? LoadAverage()
    {
        const string file = "/proc/loadavg";
        return File.Exists(file) ? string.Join(" ", File.ReadAllText(file).Split(' ').Take(3)) : null;
    }
}
