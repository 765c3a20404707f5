namespace OrderStreams.Bench.Pipeline;

/// <summary>What the four services carried when fed as fast as they take orders.</summary>
/// <param name="OrdersAssignedPerSecond">Orders per second getting a driver (between 10% and 90% of the orders).</param>
/// <param name="OrdersDenormalisedPerSecond">Orders per second whose delivered view left the denormaliser: through all four services.</param>
/// <param name="Services">Each service's records in and out per second and CPU per 1,000 orders over the whole run.</param>
/// <param name="BrokerAndBenchCpuSecondsPer1000Orders">
/// The bench process's CPU per 1,000 orders: the embedded broker and registry, the order producer and the driver app.
/// </param>
public sealed record PipelineCapacity(
    double OrdersAssignedPerSecond, double OrdersDenormalisedPerSecond, IReadOnlyList<ServiceCost> Services, double BrokerAndBenchCpuSecondsPer1000Orders);
