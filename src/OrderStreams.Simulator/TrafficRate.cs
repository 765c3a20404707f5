namespace OrderStreams.Simulator;

/// <summary>How fast customers are meant to order at one moment: the mean arrivals per second, and whether a rush drives it.</summary>
public sealed record TrafficRate(double OrdersPerSecond, bool InRush)
{
    /// <summary>Before the city opens for business no customer orders.</summary>
    public static TrafficRate NotStarted { get; } = new(0, false);
}
