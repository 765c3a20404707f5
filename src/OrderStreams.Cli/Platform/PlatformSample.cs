namespace OrderStreams.Cli.Platform;

/// <summary>Everything the dev platform shows at one moment; <paramref name="Supervisor"/> is what its supervisor did lately (crashes, restarts).</summary>
public sealed record PlatformSample(
    DateTimeOffset At, Funnel Funnel, IReadOnlyList<ServiceSample> Services, SimulatorCounts Simulator, IReadOnlyList<RebuildSample> Rebuilds,
    IReadOnlyList<string> Supervisor);

/// <summary>What the simulator produced so far.</summary>
public sealed record SimulatorCounts(long OrdersPlaced, long PaymentEvents, long Pings, long PickedUp, long Delivered);
