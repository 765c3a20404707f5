using Spectre.Console;
using Spectre.Console.Rendering;

namespace OrderStreams.Platform;

/// <summary>
/// The dev platform in the terminal: the simulator's target rate (and whether a rush is on), per service processed/s,
/// lag, state and restarts, the order funnel, and what the supervisor did (a crashed service given up on shows its last
/// log lines).
/// </summary>
public static class ConsoleView
{
    /// <summary>Refreshes a live view in a terminal, or logs a status line every few seconds when output is redirected.</summary>
    public static async Task RunAsync(PlatformMonitor monitor, ServiceFleet fleet, CancellationToken stop)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            PlatformSample? printed = null;
            var eventsPrinted = 0;
            while (await Wait(TimeSpan.FromSeconds(1), stop))
            {
                // Supervisor events at once, the status line every five seconds.
                if (fleet.EventCount > eventsPrinted)
                {
                    var recent = fleet.RecentEvents;
                    foreach (var line in recent.Skip(Math.Max(0, recent.Count - (fleet.EventCount - eventsPrinted)))) await Console.Error.WriteLineAsync(line);
                    eventsPrinted = fleet.EventCount;
                }
                if (monitor.Latest is not { } sample || ReferenceEquals(sample, printed) || (sample.At - printed?.At)?.TotalSeconds < 5) continue;
                await Console.Error.WriteLineAsync(StatusLine(sample));
                printed = sample;
            }
            return;
        }

        await AnsiConsole.Live(new Text("starting…")).StartAsync(async live =>
        {
            while (await Wait(TimeSpan.FromSeconds(1), stop))
            {
                if (monitor.Latest is { } sample) live.UpdateTarget(Render(sample));
            }
        });
    }

    public static string StatusLine(PlatformSample sample)
    {
        var f = sample.Funnel;
        var services = string.Join(" ", sample.Services.Select(s =>
            $"{s.ApplicationId}={s.State}/{s.ProcessedPerSecond:F0}/s/lag {s.Lag}{(s.Restarts > 0 ? $"/restarts {s.Restarts}" : "")}"));
        var rebuilds = string.Concat(sample.Rebuilds.Where(r => !r.CaughtUp).Select(r => $" | rebuilding {r.ApplicationId} {r.Fraction:P0}"));
        var rate = $"{Target(sample.Simulator)}{(sample.Simulator.Rush ? " RUSH" : "")}";
        return $"[{sample.At:HH:mm:ss}] {rate} | placed {f.Placed} paid {f.Paid} failed {f.PaymentFailed} expired {f.PaymentExpired} " +
               $"branch {f.BranchAssigned} (rerouted {f.Rerouted}, rejected {f.Rejected}) driver {f.DriverAssigned} delivered {f.Delivered} dlq {f.DeadLetters} | {services}{rebuilds}";
    }

    private static IRenderable Render(PlatformSample sample)
    {
        var services = new Table().Title("services").AddColumns("service", "state", "restarts", "processed/s", "lag", "lag s");
        foreach (var s in sample.Services)
            services.AddRow(Markup.Escape(s.ApplicationId), Markup.Escape(s.State), $"{s.Restarts}", $"{s.ProcessedPerSecond:N0}", $"{s.Lag:N0}", $"{s.LagSeconds:F1}");
        var supervisor = new Rows(sample.Supervisor.TakeLast(5).Select(IRenderable (line) => new Text(line))
            .Concat(sample.Services.Where(s => s.State == "crashed")
                .Select(s => new Panel(new Text(string.Join(Environment.NewLine, s.LastLines))).Header($"{Markup.Escape(s.ApplicationId)}: last lines"))));

        var f = sample.Funnel;
        var funnel = new BarChart().Label("order funnel").Width(70)
            .AddItem("placed", f.Placed, Color.Blue)
            .AddItem("paid", f.Paid, Color.Green)
            .AddItem("payment failed", f.PaymentFailed, Color.Red)
            .AddItem("payment expired", f.PaymentExpired, Color.Red)
            .AddItem("branch assigned", f.BranchAssigned, Color.Green)
            .AddItem("rerouted", f.Rerouted, Color.Yellow)
            .AddItem("rejected", f.Rejected, Color.Red)
            .AddItem("driver assigned", f.DriverAssigned, Color.Green)
            .AddItem("delivered", f.Delivered, Color.Green)
            .AddItem("dead letters", f.DeadLetters, Color.Red);
        var rebuilds = new BarChart().Label("rebuild progress (%)").Width(70).WithMaxValue(100);
        foreach (var r in sample.Rebuilds) rebuilds.AddItem($"{r.ApplicationId} ({r.Kind})", Math.Round(100 * r.Fraction), r.CaughtUp ? Color.Green : Color.Yellow);
        IRenderable[] parts = sample.Rebuilds.Count == 0 ? [services, supervisor, funnel] : [services, supervisor, rebuilds, funnel];
        var rush = sample.Simulator.Rush ? " [bold red]RUSH[/]" : "";
        var header = $"{sample.At:HH:mm:ss} · simulator placed {sample.Simulator.OrdersPlaced:N0} orders · {Target(sample.Simulator)}";
        return new Rows([new Markup(Markup.Escape(header) + rush), .. parts]);
    }

    private static string Target(SimulatorCounts simulator) => $"target {simulator.TargetOrdersPerSecond:0.#} orders/s";

    private static async Task<bool> Wait(TimeSpan interval, CancellationToken stop)
    {
        try
        {
            await Task.Delay(interval, stop);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
