using OrderStreams.Contracts.Views;

namespace OrderStreams.Denormaliser.Domain;

/// <summary>The order status state machine: each status has a rank, and a view only moves to a higher rank.</summary>
internal static class OrderLifecycle
{
    public static int Rank(OrderStatus status) => status switch
    {
        OrderStatus.Placed => 1,
        OrderStatus.Paid or OrderStatus.PaymentFailed or OrderStatus.PaymentExpired => 2,
        OrderStatus.BranchAssigned or OrderStatus.Rejected => 3,
        OrderStatus.DriverAssigned => 4,
        OrderStatus.PickedUp => 5,
        OrderStatus.Delivered => 6,
        _ => 0,
    };

    /// <summary>No further step follows: the order left the live views (dashboards, a branch's orders).</summary>
    public static bool IsFinal(OrderStatus status) =>
        status is OrderStatus.PaymentFailed or OrderStatus.PaymentExpired or OrderStatus.Rejected or OrderStatus.Delivered;

    public static bool TryParse(string text, out OrderStatus status)
    {
        var normalized = text.Replace("_", "", StringComparison.Ordinal);
        return Enum.TryParse(normalized, ignoreCase: true, out status) && Enum.IsDefined(status) && status != OrderStatus.Unknown;
    }
}
