using OrderStreams.Contracts.Common;
using OrderStreams.Contracts.Events;
using Step = OrderStreams.OrderFlow.StateStep<OrderStreams.PaymentCompletion.Domain.PaymentState, OrderStreams.Contracts.Events.OrderPaymentOutcome>;

namespace OrderStreams.PaymentCompletion.Domain;

/// <summary>
/// Matches an order with its payments, in either arrival order, and reaches exactly one verdict per order:
/// a capture of the order total pays it; a capture of another amount or currency, or a failed payment, fails it;
/// no capture by the deadline (placedAt + timeout) expires it. Redelivered events change nothing. An expiry is dated
/// at the deadline whatever noticed it (a later record, stream time or the wall clock), so a replay emits the same record.
/// </summary>
internal sealed class PaymentMatcher(TimeSpan paymentTimeout, TimeSpan settledRetention)
{
    public Step OnOrder(PaymentState? state, OrderPlaced order, DateTimeOffset now)
    {
        if (state?.Verdict is not null || state?.Order is not null) return Step.Unchanged(state);
        var terms = new OrderTerms(order.BranchId, order.Totals.Total, order.PlacedAt, order.PlacedAt + paymentTimeout);
        var current = (state ?? new PaymentState()) with { Order = terms, LastChange = now };
        // Payments that came first were seen at their own (earlier) stream time, so they count even for a late order.
        foreach (var payment in current.EarlyPayments)
        {
            if (Judge(order.OrderId, terms, payment, now) is { } outcome) return Settle(current, outcome, now);
        }
        if (now > terms.Deadline) return Expire(order.OrderId, current, now);
        return new Step(current with { EarlyPayments = [] }, null);
    }

    public Step OnPayment(PaymentState? state, PaymentEvent payment, DateTimeOffset now)
    {
        if (state?.Verdict is not null) return Step.Unchanged(state);
        var seen = new SeenPayment(payment.PaymentId, payment.Status, payment.Amount, payment.FailureReason);
        if (state?.Order is not { } terms)
        {
            if (!IsDecisive(seen.Status) || state?.EarlyPayments.Contains(seen) == true) return Step.Unchanged(state);
            var early = state ?? new PaymentState();
            return new Step(early with { EarlyPayments = [.. early.EarlyPayments, seen], LastChange = now }, null);
        }
        if (now > terms.Deadline) return Expire(payment.OrderId, state, now);
        return Judge(payment.OrderId, terms, seen, now) is { } outcome ? Settle(state, outcome, now) : Step.Unchanged(state);
    }

    /// <summary>
    /// Called as time passes (stream time, or the wall clock on a quiet partition): expires an order whose deadline
    /// passed without a verdict, and tells the caller to drop state (null) that has been settled, or orphaned, for
    /// longer than the retention.
    /// </summary>
    public Step OnTime(Guid orderId, PaymentState state, DateTimeOffset now)
    {
        if (state is { Verdict: null, Order: { } terms } && now >= terms.Deadline) return Expire(orderId, state, now);
        var settledOrOrphaned = state.Verdict is not null || state.Order is null;
        return settledOrOrphaned && now - state.LastChange > settledRetention ? new Step(null, null) : Step.Unchanged(state);
    }

    private static bool IsDecisive(PaymentStatus status) => status is PaymentStatus.Captured or PaymentStatus.Failed;

    private static OrderPaymentOutcome? Judge(Guid orderId, OrderTerms terms, SeenPayment payment, DateTimeOffset now)
    {
        OrderPaymentOutcome.IOutcome? verdict = payment.Status switch
        {
            PaymentStatus.Failed => Failed(payment, PaymentFailureReason.Declined, payment.FailureReason),
            PaymentStatus.Captured when payment.Amount.Currency != terms.Total.Currency =>
                Failed(payment, PaymentFailureReason.CurrencyMismatch, $"Captured in {payment.Amount.Currency}, the order is in {terms.Total.Currency}."),
            PaymentStatus.Captured when payment.Amount.AmountCents != terms.Total.AmountCents =>
                Failed(payment, PaymentFailureReason.AmountMismatch, $"Captured {payment.Amount.AmountCents} cents, the order total is {terms.Total.AmountCents}."),
            PaymentStatus.Captured => new OrderPaid { PaymentId = payment.PaymentId, Amount = payment.Amount },
            _ => null,
        };
        return verdict is null ? null : new OrderPaymentOutcome { OrderId = orderId, BranchId = terms.BranchId, At = now, Outcome = verdict };
    }

    private static OrderPaymentFailed Failed(SeenPayment payment, PaymentFailureReason reason, string? detail) =>
        new() { PaymentId = payment.PaymentId, Reason = reason, Detail = detail };

    private static Step Expire(Guid orderId, PaymentState state, DateTimeOffset now)
    {
        var terms = state.Order!;
        var expired = new OrderPaymentExpired { PlacedAt = terms.PlacedAt, Deadline = terms.Deadline };
        return Settle(state, new OrderPaymentOutcome { OrderId = orderId, BranchId = terms.BranchId, At = terms.Deadline, Outcome = expired }, now);
    }

    private static Step Settle(PaymentState state, OrderPaymentOutcome outcome, DateTimeOffset now)
    {
        var verdict = outcome.Outcome switch
        {
            OrderPaid => Verdict.Paid,
            OrderPaymentExpired => Verdict.Expired,
            _ => Verdict.Failed,
        };
        return new Step(state with { Verdict = verdict, EarlyPayments = [], LastChange = now }, outcome);
    }
}
