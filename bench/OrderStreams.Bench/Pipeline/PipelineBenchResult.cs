namespace OrderStreams.Bench.Pipeline;

/// <summary>What <c>orderstreams bench pipeline</c> measured: the four services against four raw hops, in one run.</summary>
/// <param name="Orders">Orders (or raw records) sent for the throughput runs.</param>
/// <param name="LatencyRate">Orders (or raw records) per second of the latency runs.</param>
/// <param name="RawRecordsPerSecond">Records per second through four raw pass-through hops.</param>
/// <param name="OrdersAssignedPerSecond">Orders per second getting a driver (payment-completion, branch-assignment twice, driver-assignment).</param>
/// <param name="OrdersDenormalisedPerSecond">Orders per second whose delivered view left the denormaliser: through all four services.</param>
/// <param name="RawP50Ms">Latency through the four raw hops.</param>
/// <param name="RawP99Ms">Latency through the four raw hops.</param>
/// <param name="PlacedToDriverAssignedP50Ms">From producing an OrderPlaced (and its payment) until its OrderDriverAssigned arrives.</param>
/// <param name="PlacedToDriverAssignedP99Ms">As above, 99th percentile.</param>
public sealed record PipelineBenchResult(
    int Orders,
    int LatencyRate,
    double RawRecordsPerSecond,
    double OrdersAssignedPerSecond,
    double OrdersDenormalisedPerSecond,
    double RawP50Ms,
    double RawP99Ms,
    double PlacedToDriverAssignedP50Ms,
    double PlacedToDriverAssignedP99Ms);
