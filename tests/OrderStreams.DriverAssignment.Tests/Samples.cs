using OrderStreams.Contracts.Common;
using OrderStreams.Contracts.Entities;
using OrderStreams.Contracts.Events;

namespace OrderStreams.DriverAssignment.Tests;

internal static class Samples
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    public const string BranchId = "branch-01";
    public static readonly GeoLocation Kitchen = new() { Lat = 52.0, Lon = 4.0 };

    public static GeoLocation North(double km) => new() { Lat = Kitchen.Lat + km / 111.2, Lon = Kitchen.Lon };

    public static Branch Branch() => new()
    {
        BranchId = BranchId,
        Name = "One",
        Location = Kitchen,
        Open = true,
        KitchenCapacity = 10,
        UpdatedAt = T0,
    };

    public static BranchAssignmentOutcome Assigned(Guid? orderId = null) => new()
    {
        OrderId = orderId ?? Guid.NewGuid(),
        BranchId = BranchId,
        At = T0,
        Outcome = new OrderBranchAssigned { OriginalBranchId = BranchId, Attempt = 1, DistanceKm = 1 },
    };

    public static DriverStatusChanged Ping(string driverId, DriverStatus status, double kmAway, DateTimeOffset? at = null) => new()
    {
        DriverId = driverId,
        BranchId = BranchId,
        Status = status,
        Location = North(kmAway),
        At = at ?? T0,
    };

    public static DeliveryEvent Delivered(Guid orderId, string driverId) => new()
    {
        OrderId = orderId,
        BranchId = BranchId,
        DriverId = driverId,
        At = T0,
        Step = new OrderDelivered { Location = North(2) },
    };
}
