using OrderStreams.Contracts.Common;
using OrderStreams.Contracts.Entities;
using OrderStreams.Contracts.Events;

namespace OrderStreams.Denormaliser.Tests;

internal static class Samples
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    public static readonly GeoLocation Somewhere = new() { Lat = 52.0, Lon = 4.0 };
    public static readonly Money Total = new() { AmountCents = 1500, Currency = "EUR" };

    public static Branch Branch(string id, string name = "Centre", DateTimeOffset? updatedAt = null) => new()
    {
        BranchId = id,
        Name = name,
        Location = Somewhere,
        Open = true,
        KitchenCapacity = 5,
        UpdatedAt = updatedAt ?? T0,
    };

    public static Driver Driver(string id, string name = "Ann", DateTimeOffset? updatedAt = null) => new()
    {
        DriverId = id,
        BranchId = "branch-01",
        Name = name,
        Vehicle = VehicleType.Bicycle,
        UpdatedAt = updatedAt ?? T0,
    };

    public static OrderPlaced Placed(Guid orderId, string branch = "branch-01") => new()
    {
        OrderId = orderId,
        BranchId = branch,
        CustomerId = "customer-1",
        Items = [new OrderItem { Sku = "soup", Name = "Soup", Quantity = 1, UnitPrice = Total }],
        Totals = new OrderTotals { Subtotal = Total, DeliveryFee = new Money { AmountCents = 0, Currency = "EUR" }, Total = Total },
        DeliveryLocation = Somewhere,
        DeliveryAddress = "Main St 1",
        PlacedAt = T0,
    };

    public static OrderPaymentOutcome Paid(Guid orderId, string branch = "branch-01") => new()
    {
        OrderId = orderId,
        BranchId = branch,
        At = T0.AddMinutes(1),
        Outcome = new OrderPaid { PaymentId = Guid.NewGuid(), Amount = Total },
    };

    public static BranchAssignmentOutcome BranchAssigned(Guid orderId, string branch) => new()
    {
        OrderId = orderId,
        BranchId = branch,
        At = T0.AddMinutes(2),
        Outcome = new OrderBranchAssigned { OriginalBranchId = "branch-01", Attempt = branch == "branch-01" ? 1 : 2, DistanceKm = 1 },
    };

    public static OrderDriverAssigned DriverAssigned(Guid orderId, string driverId, string branch = "branch-01") => new()
    {
        OrderId = orderId,
        BranchId = branch,
        DriverId = driverId,
        DriverLocation = Somewhere,
        DistanceKm = 0.5,
        At = T0.AddMinutes(3),
    };

    public static DeliveryEvent Delivered(Guid orderId, string driverId, string branch = "branch-01") => new()
    {
        OrderId = orderId,
        BranchId = branch,
        DriverId = driverId,
        At = T0.AddMinutes(30),
        Step = new OrderDelivered { Location = Somewhere },
    };
}
