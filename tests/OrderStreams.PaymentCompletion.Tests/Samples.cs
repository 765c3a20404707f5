using OrderStreams.Contracts.Common;
using OrderStreams.Contracts.Events;

namespace OrderStreams.PaymentCompletion.Tests;

internal static class Samples
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    public static Money Eur(long cents) => new() { AmountCents = cents, Currency = "EUR" };

    public static OrderPlaced Order(Guid? id = null, long totalCents = 2500, DateTimeOffset? placedAt = null, string branch = "branch-01") => new()
    {
        OrderId = id ?? Guid.NewGuid(),
        BranchId = branch,
        CustomerId = "customer-1",
        Items = [new OrderItem { Sku = "pizza", Name = "Pizza", Quantity = 1, UnitPrice = Eur(totalCents - 300) }],
        Totals = new OrderTotals { Subtotal = Eur(totalCents - 300), DeliveryFee = Eur(300), Total = Eur(totalCents) },
        DeliveryLocation = new GeoLocation { Lat = 52.37, Lon = 4.89 },
        DeliveryAddress = "Dam 1",
        PlacedAt = placedAt ?? T0,
    };

    public static PaymentEvent Payment(Guid orderId, PaymentStatus status, Money? amount = null, Guid? paymentId = null, string branch = "branch-01") => new()
    {
        PaymentId = paymentId ?? Guid.NewGuid(),
        OrderId = orderId,
        BranchId = branch,
        Amount = amount ?? Eur(2500),
        Status = status,
        FailureReason = status == PaymentStatus.Failed ? "card declined" : null,
        At = T0,
    };
}
