namespace OrderStreams.Bench.Pipeline;

/// <summary>The share of the machine's CPU time that was busy (0 to 1) during each run of <c>bench pipeline</c>.</summary>
/// <param name="RawLatency">The raw hops at the fixed rate.</param>
/// <param name="RawHalfCapacity">The raw hops at half their throughput.</param>
/// <param name="Latency">The services at the fixed rate.</param>
/// <param name="Capacity">The services fed as fast as they take orders.</param>
/// <param name="HalfCapacity">The services at half the capacity.</param>
public sealed record MachineBusy(double RawLatency, double RawHalfCapacity, double Latency, double Capacity, double HalfCapacity);
