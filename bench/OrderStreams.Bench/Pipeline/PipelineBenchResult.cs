namespace OrderStreams.Bench.Pipeline;

/// <summary>What <c>orderstreams bench pipeline</c> measured: the four services against four raw hops, in one run.</summary>
/// <param name="Orders">Orders sent for the capacity run.</param>
/// <param name="RawRecords">Raw records sent in each round of the baseline's throughput run.</param>
/// <param name="LatencyRate">Orders (or raw records) per second of the fixed-rate latency runs.</param>
/// <param name="DriversPerBranch">Drivers of each of the bench city's branches.</param>
/// <param name="RawRecordsPerSecond">Records per second through four raw pass-through hops: the median of <paramref name="RawRecordsPerSecondRounds"/>.</param>
/// <param name="RawRecordsPerSecondRounds">Each round's records per second through the raw hops.</param>
/// <param name="OrdersAssignedPerSecond">Orders per second getting a driver (payment-completion, branch-assignment twice, driver-assignment).</param>
/// <param name="OrdersDenormalisedPerSecond">Orders per second whose delivered view left the denormaliser: through all four services.</param>
/// <param name="OrdersQueuedForDriver">Orders of the whole run that found no free driver (0: the simulated city never bounded the rate).</param>
/// <param name="Services">Per service, over the capacity run: records in and out per second and CPU seconds per 1,000 orders.</param>
/// <param name="BrokerAndBenchCpuSecondsPer1000Orders">The bench process's CPU per 1,000 orders: embedded broker and registry, order producer, driver app.</param>
/// <param name="RawP50Ms">Latency through the four raw hops at <paramref name="LatencyRate"/>.</param>
/// <param name="RawP99Ms">As above, 99th percentile.</param>
/// <param name="RawHalfCapacityRate">Records per second of the raw hops' second latency run: half of <paramref name="RawRecordsPerSecond"/>.</param>
/// <param name="RawHalfCapacityP50Ms">Latency through the four raw hops at <paramref name="RawHalfCapacityRate"/>.</param>
/// <param name="RawHalfCapacityP99Ms">As above, 99th percentile.</param>
/// <param name="PlacedToDriverAssignedP50Ms">From producing an OrderPlaced (and its payment) until its OrderDriverAssigned arrives, at <paramref name="LatencyRate"/>.</param>
/// <param name="PlacedToDriverAssignedP99Ms">As above, 99th percentile.</param>
/// <param name="Steps">Placed → driver-assigned at <paramref name="LatencyRate"/> split by step (<see cref="StepTimes"/>).</param>
/// <param name="HalfCapacityRate">Orders per second of the second latency run: half of <paramref name="OrdersDenormalisedPerSecond"/>.</param>
/// <param name="HalfCapacityP50Ms">Placed → driver-assigned at <paramref name="HalfCapacityRate"/>.</param>
/// <param name="HalfCapacityP99Ms">As above, 99th percentile.</param>
/// <param name="HalfCapacitySteps">Placed → driver-assigned at <paramref name="HalfCapacityRate"/> split by step.</param>
/// <param name="MachineBusy">How busy the machine was (0 to 1, <see cref="MachineLoad"/>) during each run.</param>
public sealed record PipelineBenchResult(
    int Orders,
    int RawRecords,
    int LatencyRate,
    int DriversPerBranch,
    double RawRecordsPerSecond,
    IReadOnlyList<double> RawRecordsPerSecondRounds,
    double OrdersAssignedPerSecond,
    double OrdersDenormalisedPerSecond,
    long OrdersQueuedForDriver,
    IReadOnlyList<ServiceCost> Services,
    double BrokerAndBenchCpuSecondsPer1000Orders,
    double RawP50Ms,
    double RawP99Ms,
    int RawHalfCapacityRate,
    double RawHalfCapacityP50Ms,
    double RawHalfCapacityP99Ms,
    double PlacedToDriverAssignedP50Ms,
    double PlacedToDriverAssignedP99Ms,
    IReadOnlyList<StepLatency> Steps,
    int HalfCapacityRate,
    double HalfCapacityP50Ms,
    double HalfCapacityP99Ms,
    IReadOnlyList<StepLatency> HalfCapacitySteps,
    MachineBusy MachineBusy);
