using OrderStreams.Contracts.Common;
using OrderStreams.Contracts.Events;
using OrderStreams.OrderFlow;
using Step = OrderStreams.OrderFlow.StateStep<OrderStreams.PaymentCompletion.Domain.PaymentState, OrderStreams.PaymentCompletion.Domain.PaymentDecision>;

namespace OrderStreams.PaymentCompletion.Domain;

/// <summary>
/// Matches an order with its payments, in either arrival order, and reaches exactly one verdict per order:
/// a capture of the order total pays it; a capture of another amount or currency, or a failed payment, fails it;
/// no capture by the deadline (placedAt + timeout) expires it. Redelivered events change nothing. An expiry is dated
/// at the deadline whatever noticed it (a later record, stream time or the wall clock), so a replay emits the same record.
/// A capture that does not pay the order (of another amount, after the deadline, or after the verdict went out, even
/// one dated before the deadline that was read late) is refunded, once per payment: the verdict stays the one outcome.
/// The verdict is stored with its record until that is known delivered (<see cref="Unannounced"/>): after a crash the
/// record is emitted again as it was, never decided anew.
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
            if (Judge(order.OrderId, terms, payment, now) is { } outcome) return Settle(current, outcome, payment, now);
        }
        if (now > terms.Deadline) return Expire(order.OrderId, current, now);
        return new Step(current with { EarlyPayments = [] }, null);
    }

    public Step OnPayment(PaymentState? state, PaymentEvent payment, DateTimeOffset now)
    {
        var seen = new SeenPayment(payment.PaymentId, payment.Status, payment.Amount, payment.FailureReason);
        if (state?.Verdict is { } verdict)
            return RefundIfUnpaid(state, payment.OrderId, state.Order?.BranchId ?? payment.BranchId, verdict, seen, now, null);
        if (state?.Order is not { } terms)
        {
            if (!IsDecisive(seen.Status) || state?.EarlyPayments.Contains(seen) == true) return Step.Unchanged(state);
            var early = state ?? new PaymentState();
            return new Step(early with { EarlyPayments = [.. early.EarlyPayments, seen], LastChange = now }, null);
        }
        if (now > terms.Deadline)
        {
            var expired = Expire(payment.OrderId, state, now);
            return RefundIfUnpaid(expired.State!, payment.OrderId, terms.BranchId, Verdict.Expired, seen, now, expired.Output);
        }
        return Judge(payment.OrderId, terms, seen, now) is { } outcome ? Settle(state, outcome, seen, now) : Step.Unchanged(state);
    }

    /// <summary>
    /// Called as time passes (stream time, or the wall clock once the task is caught up and idle): expires an order
    /// whose deadline passed without a verdict, and tells the caller to drop state (null) that has been settled, or
    /// orphaned, for longer than the retention.
    /// </summary>
    public Step OnTime(Guid orderId, PaymentState state, DateTimeOffset now)
    {
        if (state is { Verdict: null, Order: { } terms } && now >= terms.Deadline) return Expire(orderId, state, now);
        var settledOrOrphaned = state.Verdict is not null || state.Order is null;
        return settledOrOrphaned && now - state.LastChange > settledRetention ? new Step(null, null) : Step.Unchanged(state);
    }

    /// <summary>When <see cref="OnTime"/> may next change the state: the order's deadline while it waits for a verdict, else the end of its retention.</summary>
    public DateTimeOffset DueAt(PaymentState state) =>
        state is { Verdict: null, Order: { } terms } ? terms.Deadline : state.LastChange + settledRetention;

    /// <summary>The verdict record a state holds that may not have been delivered, or null.</summary>
    public static PendingOutput<PaymentDecision>? Unannounced(string orderId, PaymentState state) =>
        state is { Unannounced: { } record, Verdict: { } verdict, Order: { } terms }
            ? new(new PaymentDecision(record.ToOutcome(Guid.Parse(orderId), verdict, terms), null), record.Timestamp)
            : null;

    public static PaymentState Announced(PaymentState state) => state with { Unannounced = null };

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
        return Settle(state, new OrderPaymentOutcome { OrderId = orderId, BranchId = terms.BranchId, At = terms.Deadline, Outcome = expired }, null, now);
    }

    /// <param name="decidedBy">The payment the verdict was reached on, if any: a capture that failed the order is refunded.</param>
    private static Step Settle(PaymentState state, OrderPaymentOutcome outcome, SeenPayment? decidedBy, DateTimeOffset now)
    {
        var verdict = outcome.Outcome switch
        {
            OrderPaid => Verdict.Paid,
            OrderPaymentExpired => Verdict.Expired,
            _ => Verdict.Failed,
        };
        var settled = state with { Verdict = verdict, Unannounced = UnannouncedVerdict.Of(outcome, now), EarlyPayments = [], LastChange = now };
        var decision = new PaymentDecision(outcome, null);
        return decidedBy is null
            ? new Step(settled, decision)
            : RefundIfUnpaid(settled, outcome.OrderId, outcome.BranchId, verdict, decidedBy, now, decision);
    }

    /// <summary>
    /// A capture that reaches a settled order (expired or failed) does not pay it: the order keeps its verdict and the
    /// capture is refunded, once (a redelivered capture is not refunded twice). Anything else changes nothing.
    /// </summary>
    private static Step RefundIfUnpaid(
        PaymentState state, Guid orderId, string branchId, Verdict verdict, SeenPayment payment, DateTimeOffset now,
        PaymentDecision? decision)
    {
        if (verdict == Verdict.Paid || payment.Status != PaymentStatus.Captured || state.Refunded.Contains(payment.PaymentId))
            return new Step(state, decision);
        var refund = new PaymentRefundDue
        {
            PaymentId = payment.PaymentId,
            OrderId = orderId,
            BranchId = branchId,
            Amount = payment.Amount,
            Reason = verdict == Verdict.Expired ? RefundReason.OrderExpired : RefundReason.OrderPaymentFailed,
            At = now,
        };
        var refunded = state with { Refunded = [.. state.Refunded, payment.PaymentId], LastChange = now };
        return new Step(refunded, (decision ?? new PaymentDecision(null, null)) with { Refund = refund });
    }
}
