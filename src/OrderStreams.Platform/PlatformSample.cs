namespace OrderStreams.Platform;

/// <summary>
/// Everything the dev platform shows at one moment; <paramref name="Supervisor"/> is what its supervisor did lately
/// (crashes, restarts), <paramref name="Topics"/> how much history each topic's log still holds (read every ten seconds).
/// </summary>
public sealed record PlatformSample(
    DateTimeOffset At, Funnel Funnel, IReadOnlyList<ServiceSample> Services, SimulatorCounts Simulator, IReadOnlyList<RebuildSample> Rebuilds,
    IReadOnlyList<string> Supervisor, IReadOnlyList<Operations.History.TopicHistory> Topics);

/// <summary>What the simulator produced so far.</summary>
public sealed record SimulatorCounts(long OrdersPlaced, long PaymentEvents, long Pings, long PickedUp, long Delivered);
