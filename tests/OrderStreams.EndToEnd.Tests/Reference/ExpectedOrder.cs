using OrderStreams.Contracts.Entities;
using OrderStreams.Contracts.Events;
using OrderStreams.Contracts.Views;

namespace OrderStreams.EndToEnd.Tests.Reference;

/// <summary>One order as the inputs tell it: what was ordered, how it was paid, where it may go, who delivered it.</summary>
internal sealed record ExpectedOrder(
    OrderPlaced Order,
    PaymentVerdict Verdict,
    PaymentEvent? LatestPayment,
    Routing Routing,
    DeliveryEvent? PickedUp,
    DeliveryEvent? Delivered)
{
    /// <summary>The final outcome: failed, expired, delivered, or — paid but never delivered — rejected.</summary>
    public OrderStatus FinalStatus => Verdict switch
    {
        PaymentVerdict.Failed => OrderStatus.PaymentFailed,
        PaymentVerdict.Expired => OrderStatus.PaymentExpired,
        _ => Delivered is not null ? OrderStatus.Delivered : OrderStatus.Rejected,
    };

    /// <summary>The branch responsible in the end: the one that delivered it, else the one it was placed at.</summary>
    public string FinalBranchId => Delivered?.BranchId ?? Order.BranchId;

    /// <summary>The view once everything happened.</summary>
    public ViewFacts FinalFacts(IReadOnlyDictionary<string, Branch> branches, IReadOnlyDictionary<string, Driver> drivers) =>
        Facts(FinalStatus, Delivered, branches, drivers);

    /// <summary>The view of an order its driver has been given but not yet picked up (the driver app held the job back).</summary>
    public ViewFacts WithDriverFacts(IReadOnlyDictionary<string, Branch> branches, IReadOnlyDictionary<string, Driver> drivers) =>
        Facts(OrderStatus.DriverAssigned, Delivered, branches, drivers);

    private ViewFacts Facts(OrderStatus status, DeliveryEvent? delivery, IReadOnlyDictionary<string, Branch> branches, IReadOnlyDictionary<string, Driver> drivers)
    {
        var branch = branches[delivery?.BranchId ?? Order.BranchId];
        var driver = delivery is null ? null : drivers[delivery.DriverId];
        return new ViewFacts(
            Order.OrderId,
            branch.BranchId,
            status,
            Order.CustomerId,
            ViewFacts.ItemsText(Order.Items.Select(i => (i.Sku, i.Quantity, i.UnitPrice.AmountCents, i.UnitPrice.Currency))),
            ViewFacts.TotalsText(Order.Totals.Subtotal.AmountCents, Order.Totals.DeliveryFee.AmountCents, Order.Totals.Total.AmountCents, Order.Totals.Total.Currency),
            ViewFacts.Location(Order.DeliveryLocation.Lat, Order.DeliveryLocation.Lon),
            Order.PlacedAt.ToUnixTimeMilliseconds(),
            ViewFacts.BranchText(branch.BranchId, branch.Name, branch.Location.Lat, branch.Location.Lon),
            driver is null ? null : ViewFacts.DriverText(driver.DriverId, driver.Name, driver.Vehicle),
            LatestPayment is { } p ? ViewFacts.PaymentText(p.PaymentId, p.Status, p.Amount.AmountCents, p.Amount.Currency, p.At.ToUnixTimeMilliseconds()) : null,
            ViewFacts.TimelineText(Steps(status)));
    }

    private IEnumerable<(OrderStatus, long)> Steps(OrderStatus status)
    {
        yield return (OrderStatus.Placed, Order.PlacedAt.ToUnixTimeMilliseconds());
        switch (status)
        {
            case OrderStatus.PaymentFailed or OrderStatus.PaymentExpired:
                yield return (status, 0);
                yield break;
            case OrderStatus.Rejected:
                yield return (OrderStatus.Paid, 0);
                yield return (OrderStatus.Rejected, 0);
                yield break;
        }
        yield return (OrderStatus.Paid, 0);
        yield return (OrderStatus.BranchAssigned, 0);
        yield return (OrderStatus.DriverAssigned, 0);
        if (status == OrderStatus.DriverAssigned) yield break;
        yield return (OrderStatus.PickedUp, PickedUp!.At.ToUnixTimeMilliseconds());
        yield return (OrderStatus.Delivered, Delivered!.At.ToUnixTimeMilliseconds());
    }
}
