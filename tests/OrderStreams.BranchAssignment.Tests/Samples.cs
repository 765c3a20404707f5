using OrderStreams.Contracts.Common;
using OrderStreams.Contracts.Entities;
using OrderStreams.Contracts.Events;

namespace OrderStreams.BranchAssignment.Tests;

internal static class Samples
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Delivery point; branch-01 is 1 km away, branch-02 about 2 km, branch-03 about 3 km, branch-far about 50 km.</summary>
    public static readonly GeoLocation Home = new() { Lat = 52.0, Lon = 4.0 };

    public static GeoLocation North(double km) => new() { Lat = Home.Lat + km / 111.2, Lon = Home.Lon };

    public static Branch Branch(string id, double kmAway, bool open = true, int capacity = 2, double radiusKm = 5) => new()
    {
        BranchId = id,
        Name = id,
        Location = North(kmAway),
        Open = open,
        KitchenCapacity = capacity,
        DeliveryRadiusKm = radiusKm,
        UpdatedAt = T0,
    };

    public static OrderPlaced Order(string branch = "branch-01") => new()
    {
        OrderId = Guid.NewGuid(),
        BranchId = branch,
        CustomerId = "customer-1",
        Items = [new OrderItem { Sku = "pizza", Name = "Pizza", Quantity = 1, UnitPrice = new Money { AmountCents = 1000, Currency = "EUR" } }],
        Totals = new OrderTotals
        {
            Subtotal = new Money { AmountCents = 1000, Currency = "EUR" },
            DeliveryFee = new Money { AmountCents = 0, Currency = "EUR" },
            Total = new Money { AmountCents = 1000, Currency = "EUR" },
        },
        DeliveryLocation = Home,
        DeliveryAddress = "Main St 1",
        PlacedAt = T0,
    };

    public static OrderPaymentOutcome Paid(OrderPlaced order) => new()
    {
        OrderId = order.OrderId,
        BranchId = order.BranchId,
        At = T0,
        Outcome = new OrderPaid { PaymentId = Guid.NewGuid(), Amount = order.Totals.Total },
    };

    public static OrderPaymentOutcome Expired(OrderPlaced order) => new()
    {
        OrderId = order.OrderId,
        BranchId = order.BranchId,
        At = T0,
        Outcome = new OrderPaymentExpired { PlacedAt = T0, Deadline = T0.AddMinutes(15) },
    };

    /// <summary>A request whose deadline is 15 minutes after <see cref="T0"/>.</summary>
    public static BranchAssignmentRequest Request(OrderPlaced order, string candidate, int attempt = 1, params string[] tried) => new()
    {
        Order = order,
        PaymentId = Guid.NewGuid(),
        Attempt = attempt,
        CandidateBranchId = candidate,
        TriedBranchIds = tried,
        RequestedAt = T0,
        Deadline = T0.AddMinutes(15),
    };

    public static DeliveryEvent PickedUp(OrderPlaced order, string branch) => new()
    {
        OrderId = order.OrderId,
        BranchId = branch,
        DriverId = "driver-1",
        At = T0,
        Step = new OrderPickedUp { Location = North(1) },
    };
}
