using OrderStreams.Contracts.Common;
using OrderStreams.Contracts.Entities;
using OrderStreams.Contracts.Events;
using OrderStreams.Contracts.Views;

namespace OrderStreams.Benchmarks.Avro;

/// <summary>Realistic event values: a three-item order, its fully denormalised view, a driver ping.</summary>
internal static class SampleEvents
{
    private static readonly DateTimeOffset PlacedAt = new(2026, 11, 22, 12, 30, 15, 120, TimeSpan.Zero);
    private static readonly Guid OrderId = Guid.Parse("6f1c2a9e-3b7d-4e0a-9c1f-2d8e5b7a4c31");

    public static OrderPlaced OrderPlaced { get; } = new()
    {
        OrderId = OrderId,
        BranchId = "branch-07",
        CustomerId = "customer-48213",
        Items =
        [
            Item("pizza-margherita", "Pizza Margherita", 2, 950),
            Item("tiramisu", "Tiramisu", 1, 550, "no cocoa please"),
            Item("cola-330", "Cola 330 ml", 3, 250),
        ],
        Totals = new OrderTotals { Subtotal = Eur(3200), DeliveryFee = Eur(299), Total = Eur(3499) },
        DeliveryLocation = new GeoLocation { Lat = 52.370216, Lon = 4.895168 },
        DeliveryAddress = "Damrak 1, 1012 LG Amsterdam",
        Channel = OrderChannel.App,
        PlacedAt = PlacedAt,
    };

    public static OrderView OrderView { get; } = new()
    {
        OrderId = OrderId,
        BranchId = "branch-07",
        CustomerId = "customer-48213",
        Status = OrderStatus.DriverAssigned,
        Items = OrderPlaced.Items,
        Totals = OrderPlaced.Totals,
        DeliveryLocation = OrderPlaced.DeliveryLocation,
        PlacedAt = PlacedAt,
        Branch = new BranchSummary { BranchId = "branch-07", Name = "Amsterdam Centrum", Location = new GeoLocation { Lat = 52.3731, Lon = 4.8922 } },
        Driver = new DriverSummary { DriverId = "driver-0042", Name = "Sam", Vehicle = VehicleType.Scooter, Location = new GeoLocation { Lat = 52.3712, Lon = 4.8990 } },
        Payment = new PaymentSummary { PaymentId = Guid.Parse("0b8e7c52-95a4-4d6f-8a61-0f3c9e2b7d14"), Status = PaymentStatus.Captured, Amount = Eur(3499), At = PlacedAt.AddSeconds(20) },
        Timeline =
        [
            new TimelineEntry { Status = OrderStatus.Placed, At = PlacedAt },
            new TimelineEntry { Status = OrderStatus.Paid, At = PlacedAt.AddSeconds(20) },
            new TimelineEntry { Status = OrderStatus.BranchAssigned, At = PlacedAt.AddSeconds(21) },
            new TimelineEntry { Status = OrderStatus.DriverAssigned, At = PlacedAt.AddSeconds(95) },
        ],
        Version = 4,
        UpdatedAt = PlacedAt.AddSeconds(95),
    };

    public static DriverStatusChanged DriverPing { get; } = new()
    {
        DriverId = "driver-0042",
        BranchId = "branch-07",
        Status = DriverStatus.Available,
        Location = new GeoLocation { Lat = 52.3712, Lon = 4.8990 },
        At = PlacedAt,
    };

    private static OrderItem Item(string sku, string name, int quantity, long cents, string? note = null) =>
        new() { Sku = sku, Name = name, Quantity = quantity, UnitPrice = Eur(cents), Note = note };

    private static Money Eur(long cents) => new() { AmountCents = cents, Currency = "EUR" };
}
