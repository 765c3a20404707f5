using System.Diagnostics.Metrics;

namespace OrderStreams.DriverAssignment;

/// <summary>
/// driver-assignment's own metrics (meter <c>OrderStreams.DriverAssignment</c>, exported on <c>/metrics</c>): a branch
/// whose accepted orders keep finding no free driver is short of drivers.
/// </summary>
internal static class DispatchMetrics
{
    private static readonly Meter Meter = new("OrderStreams.DriverAssignment");

    private static readonly Counter<long> OrdersQueued = Meter.CreateCounter<long>(
        "orderstreams.dispatch.orders_queued", description: "Accepted orders that found no free driver and joined their branch's queue.");

    public static void Queued(string branchId) => OrdersQueued.Add(1, new KeyValuePair<string, object?>("branch", branchId));
}
