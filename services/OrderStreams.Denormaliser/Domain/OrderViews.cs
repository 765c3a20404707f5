using OrderStreams.Contracts.Common;
using OrderStreams.Contracts.Entities;
using OrderStreams.Contracts.Events;
using OrderStreams.Contracts.Views;

namespace OrderStreams.Denormaliser.Domain;

/// <summary>
/// Folds lifecycle events and reference data into an order's view. Tolerates any arrival order across topics: the
/// status only moves forward (<see cref="OrderLifecycle"/>), details fill in whenever they arrive, and each step is
/// recorded once in the timeline. Returns the same instance when nothing changed, else the next version.
/// </summary>
internal static class OrderViews
{
    public static OrderView OnPlaced(OrderView? view, OrderPlaced order, Branch? branch) =>
        Change(view, order.OrderId, order.BranchId, order.PlacedAt, branch, v => Reach(v with
        {
            CustomerId = order.CustomerId,
            Items = order.Items,
            Totals = order.Totals,
            DeliveryLocation = order.DeliveryLocation,
            PlacedAt = order.PlacedAt,
        }, OrderStatus.Placed, order.PlacedAt));

    public static OrderView OnPayment(OrderView? view, PaymentEvent payment, Branch? branch) =>
        Change(view, payment.OrderId, payment.BranchId, payment.At, branch, v => v.Payment is { } known && known.At > payment.At
            ? v
            : v with { Payment = new PaymentSummary { PaymentId = payment.PaymentId, Status = payment.Status, Amount = payment.Amount, At = payment.At } });

    public static OrderView OnPaymentOutcome(OrderView? view, OrderPaymentOutcome outcome, Branch? branch) =>
        Change(view, outcome.OrderId, outcome.BranchId, outcome.At, branch, v => Reach(v, outcome.Outcome switch
        {
            OrderPaid => OrderStatus.Paid,
            OrderPaymentExpired => OrderStatus.PaymentExpired,
            _ => OrderStatus.PaymentFailed,
        }, outcome.At));

    /// <summary>An assignment makes the assigned branch the responsible one, even if the order was placed elsewhere.</summary>
    public static OrderView OnBranchOutcome(OrderView? view, BranchAssignmentOutcome outcome, Func<string, Branch?> branches)
    {
        var assigned = outcome.Outcome is OrderBranchAssigned;
        var branchId = assigned ? outcome.BranchId : view?.BranchId ?? outcome.BranchId;
        return Change(view, outcome.OrderId, branchId, outcome.At, branches(branchId), v => Reach(
            assigned ? WithBranch(v with { BranchId = branchId }, branches(branchId)) : v,
            assigned ? OrderStatus.BranchAssigned : OrderStatus.Rejected,
            outcome.At));
    }

    public static OrderView OnDriverAssigned(OrderView? view, OrderDriverAssigned assigned, Branch? branch, Driver? driver) =>
        Change(view, assigned.OrderId, assigned.BranchId, assigned.At, branch, v => Reach(v with
        {
            Driver = new DriverSummary { DriverId = assigned.DriverId, Name = driver?.Name, Vehicle = driver?.Vehicle ?? VehicleType.Unknown, Location = assigned.DriverLocation },
        }, OrderStatus.DriverAssigned, assigned.At));

    public static OrderView OnDelivery(OrderView? view, DeliveryEvent delivery, Branch? branch) =>
        Change(view, delivery.OrderId, delivery.BranchId, delivery.At, branch, v => Reach(
            v.Driver is null ? v with { Driver = new DriverSummary { DriverId = delivery.DriverId } } : v,
            delivery.Step is OrderDelivered ? OrderStatus.Delivered : OrderStatus.PickedUp,
            delivery.At));

    /// <summary>Reference data changed: refresh the branch summary if this is the responsible branch.</summary>
    public static OrderView OnBranchChanged(OrderView view, Branch branch, DateTimeOffset now) =>
        view.BranchId != branch.BranchId ? view : Versioned(view, WithBranch(view, branch), now);

    public static OrderView OnDriverChanged(OrderView view, Driver driver, DateTimeOffset now) =>
        view.Driver is not { } current || current.DriverId != driver.DriverId
            ? view
            : Versioned(view, view with { Driver = current with { Name = driver.Name, Vehicle = driver.Vehicle } }, now);

    private static OrderView Change(OrderView? view, Guid orderId, string branchId, DateTimeOffset at, Branch? branch, Func<OrderView, OrderView> change)
    {
        var current = view ?? WithBranch(new OrderView { OrderId = orderId, BranchId = branchId, UpdatedAt = at }, branch);
        var next = change(current.Branch is null ? WithBranch(current, branch) : current);
        return view is null ? next with { Version = 1, UpdatedAt = at } : Versioned(view, next, at);
    }

    private static OrderView Versioned(OrderView before, OrderView after, DateTimeOffset at) =>
        after == before
            ? before
            : after with { Version = before.Version + 1, UpdatedAt = at > before.UpdatedAt ? at : before.UpdatedAt };

    private static OrderView WithBranch(OrderView view, Branch? branch) =>
        branch is null || branch.BranchId != view.BranchId
            ? view
            : view with { Branch = new BranchSummary { BranchId = branch.BranchId, Name = branch.Name, Location = branch.Location } };

    private static OrderView Reach(OrderView view, OrderStatus status, DateTimeOffset at)
    {
        var timeline = view.Timeline.Any(e => e.Status == status)
            ? view.Timeline
            : view.Timeline.Append(new TimelineEntry { Status = status, At = at }).OrderBy(e => e.At).ThenBy(e => OrderLifecycle.Rank(e.Status)).ToList();
        var furthest = OrderLifecycle.Rank(status) > OrderLifecycle.Rank(view.Status) ? status : view.Status;
        return view with { Status = furthest, Timeline = timeline };
    }
}
