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
        // Each free driver's distance once; each order then takes the nearest left (ties by id): a linear pass, not a
        // sort per order, since this runs for every accepted order over all the branch's drivers.
        var free = drivers.Where(d => d.CanTakeOrder)
            .Select(d => (Driver: d, Distance: branchLocation is null ? 0 : Geo.DistanceKm(d.Location, branchLocation)))
            .ToList();
        var assignments = new List<OrderDriverAssigned>();
        foreach (var order in oldestFirst)
        {
            if (free.Count == 0) break;
            var nearest = 0;
            for (var i = 1; i < free.Count; i++)
                if (IsNearer(free[i], free[nearest])) nearest = i;
            var (driver, distance) = free[nearest];
            free.RemoveAt(nearest);
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

    private static bool IsNearer((DriverState Driver, double Distance) a, (DriverState Driver, double Distance) b) =>
        a.Distance < b.Distance || (a.Distance == b.Distance && string.CompareOrdinal(a.Driver.DriverId, b.Driver.DriverId) < 0);
}
