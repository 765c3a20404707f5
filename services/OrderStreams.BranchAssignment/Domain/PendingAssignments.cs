using OrderStreams.Contracts.Events;
using OrderStreams.OrderFlow;
using Step = OrderStreams.OrderFlow.StateStep<OrderStreams.BranchAssignment.Domain.PendingAssignment, OrderStreams.Contracts.Events.BranchAssignmentRequest>;

namespace OrderStreams.BranchAssignment.Domain;

/// <summary>
/// Joins an order with its payment verdict, in either arrival order: a paid order becomes the first request, to its
/// own branch. An order whose payment failed or expired is dropped. The request is kept until it is known delivered
/// (<see cref="Unannounced"/>), so a crash never loses it after the state says it was sent.
/// </summary>
internal static class PendingAssignments
{
    public static Step OnPlaced(PendingAssignment? state, OrderPlaced order, DateTimeOffset now)
    {
        if (state is { Order: not null } or { Requested: true } or { Abandoned: true }) return Step.Unchanged(state);
        return Complete((state ?? new PendingAssignment()) with { Order = order, LastChange = now }, now);
    }

    public static Step OnVerdict(PendingAssignment? state, OrderPaymentOutcome verdict, DateTimeOffset now)
    {
        if (state?.PaymentId is not null || state?.Abandoned == true) return Step.Unchanged(state);
        var next = (state ?? new PendingAssignment()) with { LastChange = now };
        next = verdict.Outcome is OrderPaid paid ? next with { PaymentId = paid.PaymentId } : next with { Abandoned = true, Order = null };
        return Complete(next, now);
    }

    /// <summary>Drops state untouched for longer than <paramref name="retention"/>: settled, abandoned, or never completed.</summary>
    public static PendingAssignment? OnStreamTime(PendingAssignment state, DateTimeOffset streamTime, TimeSpan retention) =>
        streamTime - state.LastChange > retention ? null : state;

    /// <summary>When <see cref="OnStreamTime"/> may next drop the state.</summary>
    public static DateTimeOffset DueAt(PendingAssignment state, TimeSpan retention) => state.LastChange + retention;

    /// <summary>The first request a state holds that may not have been delivered, or null.</summary>
    public static PendingOutput<BranchAssignmentRequest>? Unannounced(string orderId, PendingAssignment state) =>
        state is { Requested: true, Order: { } order, PaymentId: { } paymentId, RequestedAt: { } at }
            ? new(FirstRequest(order, paymentId, at), at)
            : null;

    /// <summary>Once the request is delivered the order itself is no longer needed.</summary>
    public static PendingAssignment Announced(PendingAssignment state) => state with { Order = null };

    private static Step Complete(PendingAssignment state, DateTimeOffset now)
    {
        if (state.Requested || state.Order is not { } order || state.PaymentId is not { } paymentId) return Step.Unchanged(state);
        // The order stays until the request is delivered: a new instance after a crash sends the same request again.
        return new Step(state with { Requested = true, RequestedAt = now }, FirstRequest(order, paymentId, now));
    }

    private static BranchAssignmentRequest FirstRequest(OrderPlaced order, Guid paymentId, DateTimeOffset at) => new()
    {
        Order = order,
        PaymentId = paymentId,
        Attempt = 1,
        CandidateBranchId = order.BranchId,
        TriedBranchIds = [],
        RequestedAt = at,
    };
}
