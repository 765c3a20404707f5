namespace OrderStreams.Platform;

/// <summary>
/// Everything the dev platform shows at one moment; <paramref name="Supervisor"/> is what its supervisor did lately
/// (crashes, restarts), <paramref name="Topics"/> how much history each topic's log still holds (read every ten seconds).
/// </summary>
public sealed record PlatformSample(
    DateTimeOffset At, Funnel Funnel, IReadOnlyList<ServiceSample> Services, SimulatorCounts Simulator, IReadOnlyList<RebuildSample> Rebuilds,
    IReadOnlyList<string> Supervisor, IReadOnlyList<Operations.History.TopicHistory> Topics);

/// <summary>What the simulator produced so far, and the arrival rate it is at now.</summary>
/// <param name="TargetOrdersPerSecond">Mean order arrivals per second the simulator is at (0 before customers start ordering).</param>
/// <param name="Rush">Whether a rush is on (the rate is the rush multiple of the usual one).</param>
public sealed record SimulatorCounts(
    long OrdersPlaced, long PaymentEvents, long Pings, long PickedUp, long Delivered, double TargetOrdersPerSecond, bool Rush);
