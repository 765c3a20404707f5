using OrderStreams.Contracts.Events;
using Step = OrderStreams.OrderFlow.StateStep<OrderStreams.BranchAssignment.Domain.PendingAssignment, OrderStreams.Contracts.Events.BranchAssignmentRequest>;

namespace OrderStreams.BranchAssignment.Domain;

/// <summary>
/// Joins an order with its payment verdict, in either arrival order: a paid order becomes the first request, to its
/// own branch. An order whose payment failed or expired is dropped.
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

    private static Step Complete(PendingAssignment state, DateTimeOffset now)
    {
        if (state.Requested || state.Order is not { } order || state.PaymentId is not { } paymentId) return Step.Unchanged(state);
        var request = new BranchAssignmentRequest
        {
            Order = order,
            PaymentId = paymentId,
            Attempt = 1,
            CandidateBranchId = order.BranchId,
            TriedBranchIds = [],
            RequestedAt = now,
        };
        return new Step(state with { Requested = true, Order = null }, request);
    }
}
