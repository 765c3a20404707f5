using OrderStreams.Contracts.Common;
using OrderStreams.Contracts.Entities;
using OrderStreams.Contracts.Events;

namespace OrderStreams.EndToEnd.Tests.Reference;

/// <summary>
/// Where a paid order may end up, from the branches alone: it is offered to its own branch, then to the nearest open
/// branches whose radius covers the delivery, at most <c>maxAttempts</c> in all. A branch with room for every order of
/// the run always accepts, so the walk ends there; a branch that can be full may or may not take the order.
/// </summary>
/// <param name="MayTake">The branches that may accept it, in the order they are asked.</param>
/// <param name="MayReject">Whether every branch asked can decline it (closed, out of range, or possibly full).</param>
internal sealed record Routing(IReadOnlyList<string> MayTake, bool MayReject)
{
    private const double EarthRadiusKm = 6371.0088;

    public static Routing For(OrderPlaced order, IReadOnlyDictionary<string, Branch> branches, int maxAttempts, int ampleCapacity)
    {
        var own = branches[order.BranchId];
        var asked = new[] { own }.Concat(branches.Values
                .Where(b => b.BranchId != own.BranchId && Accepts(b, order))
                .OrderBy(b => DistanceKm(b.Location, order.DeliveryLocation)).ThenBy(b => b.BranchId, StringComparer.Ordinal)
                .Take(maxAttempts - 1));
        var mayTake = new List<string>();
        foreach (var branch in asked)
        {
            if (!Accepts(branch, order)) continue;
            mayTake.Add(branch.BranchId);
            if (branch.KitchenCapacity >= ampleCapacity) return new Routing(mayTake, MayReject: false);
        }
        return new Routing(mayTake, MayReject: true);
    }

    private static bool Accepts(Branch branch, OrderPlaced order) =>
        branch.Open && DistanceKm(branch.Location, order.DeliveryLocation) <= branch.DeliveryRadiusKm;

    /// <summary>Great-circle distance (haversine), the distance the business measures radii in.</summary>
    private static double DistanceKm(GeoLocation a, GeoLocation b)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var sinLat = Math.Sin(Radians(b.Lat - a.Lat) / 2);
        var sinLon = Math.Sin(Radians(b.Lon - a.Lon) / 2);
        var h = sinLat * sinLat + Math.Cos(Radians(a.Lat)) * Math.Cos(Radians(b.Lat)) * sinLon * sinLon;
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}
