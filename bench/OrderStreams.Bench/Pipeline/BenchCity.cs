using OrderStreams.Contracts.Common;
using OrderStreams.Contracts.Entities;
using OrderStreams.Contracts.Events;

namespace OrderStreams.Bench.Pipeline;

/// <summary>
/// The bench's traffic: branches whose kitchens never fill and whose radius covers every order, available drivers (as
/// many as the bench asks for),
/// and orders paid in full at once, so every order takes the whole path (paid, accepted, given a driver) and nothing
/// but the pipeline limits the rate.
/// </summary>
public static class BenchCity
{
    public const int Branches = 12;

    private static readonly GeoLocation Centre = new() { Lat = 52.3731, Lon = 4.8926 };
    private static readonly Money Price = new() { AmountCents = 1250, Currency = "EUR" };

    public static string BranchId(int i) => $"branch-{i % Branches:D2}";

    public static Branch Branch(int i, DateTimeOffset now) => new()
    {
        BranchId = BranchId(i),
        Name = $"Bench kitchen {i:D2}",
        Location = Centre,
        Open = true,
        KitchenCapacity = 1_000_000,
        DeliveryRadiusKm = 50,
        UpdatedAt = now,
    };

    public static DriverStatusChanged Available(int branch, int driver, DateTimeOffset now) => new()
    {
        DriverId = $"driver-{branch:D2}-{driver:D2}",
        BranchId = BranchId(branch),
        Status = DriverStatus.Available,
        Location = Centre,
        At = now,
    };

    public static OrderPlaced Order(int i, DateTimeOffset now) => new()
    {
        OrderId = Guid.NewGuid(),
        BranchId = BranchId(i),
        CustomerId = $"customer-{i:D6}",
        Items = [new OrderItem { Sku = "pizza-margherita", Name = "Pizza Margherita", Quantity = 1, UnitPrice = Price }],
        Totals = new OrderTotals { Subtotal = Price, DeliveryFee = Price with { AmountCents = 0 }, Total = Price },
        DeliveryLocation = Centre,
        DeliveryAddress = "Bench street 1",
        Channel = OrderChannel.App,
        PlacedAt = now,
    };

    public static PaymentEvent Capture(OrderPlaced order, DateTimeOffset now) => new()
    {
        PaymentId = Guid.NewGuid(),
        OrderId = order.OrderId,
        BranchId = order.BranchId,
        Amount = order.Totals.Total,
        Status = PaymentStatus.Captured,
        At = now,
    };

    public static DeliveryEvent Step(OrderDriverAssigned assignment, DeliveryEvent.IStep step, DateTimeOffset now) => new()
    {
        OrderId = assignment.OrderId,
        BranchId = assignment.BranchId,
        DriverId = assignment.DriverId,
        At = now,
        Step = step,
    };
}
