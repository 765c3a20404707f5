using OrderStreams.Contracts.Common;
using OrderStreams.Contracts.Events;
using OrderStreams.OrderFlow;

namespace OrderStreams.DriverAssignment.Domain;

/// <summary>
/// Pairs a branch's waiting orders, oldest first, each with the nearest driver who can take an order
/// (available and not reserved). Without the branch's location, drivers are taken in id order.
/// </summary>
internal static class Dispatcher
{
    public static IReadOnlyList<OrderDriverAssigned> Match(
        IEnumerable<WaitingOrder> oldestFirst, IEnumerable<DriverState> drivers, GeoLocation? branchLocation, DateTimeOffset now)
    {
        var free = drivers.Where(d => d.CanTakeOrder).ToList();
        var assignments = new List<OrderDriverAssigned>();
        foreach (var order in oldestFirst)
        {
            if (free.Count == 0) break;
            var (driver, distance) = free
                .Select(d => (Driver: d, Distance: branchLocation is null ? 0 : Geo.DistanceKm(d.Location, branchLocation)))
                .OrderBy(c => c.Distance).ThenBy(c => c.Driver.DriverId, StringComparer.Ordinal)
                .First();
            free.Remove(driver);
            assignments.Add(new OrderDriverAssigned
            {
                OrderId = order.OrderId,
                BranchId = order.BranchId,
                DriverId = driver.DriverId,
                DriverLocation = driver.Location,
                DistanceKm = distance,
                At = now,
            });
        }
        return assignments;
    }
}
