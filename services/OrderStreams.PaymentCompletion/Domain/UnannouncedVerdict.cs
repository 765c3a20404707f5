using OrderStreams.Contracts.Common;
using OrderStreams.Contracts.Events;

namespace OrderStreams.PaymentCompletion.Domain;

/// <summary>
/// A verdict's record as it was emitted, kept in the order's state until the commit that delivered it, so a new
/// instance after a crash emits that very record again (see <c>OrderFlow.Announcements</c>).
/// </summary>
/// <param name="Timestamp">The emitted record's timestamp.</param>
internal sealed record UnannouncedVerdict(
    DateTimeOffset At, Guid? PaymentId, Money? Amount, PaymentFailureReason? Reason, string? Detail, DateTimeOffset Timestamp)
{
    public static UnannouncedVerdict Of(OrderPaymentOutcome outcome, DateTimeOffset timestamp) => outcome.Outcome switch
    {
        OrderPaid paid => new(outcome.At, paid.PaymentId, paid.Amount, null, null, timestamp),
        OrderPaymentFailed failed => new(outcome.At, failed.PaymentId, null, failed.Reason, failed.Detail, timestamp),
        _ => new(outcome.At, null, null, null, null, timestamp),
    };

    public OrderPaymentOutcome ToOutcome(Guid orderId, Verdict verdict, OrderTerms terms) => new()
    {
        OrderId = orderId,
        BranchId = terms.BranchId,
        At = At,
        Outcome = verdict switch
        {
            Verdict.Paid => new OrderPaid { PaymentId = PaymentId!.Value, Amount = Amount! },
            Verdict.Failed => new OrderPaymentFailed { PaymentId = PaymentId, Reason = Reason!.Value, Detail = Detail },
            _ => new OrderPaymentExpired { PlacedAt = terms.PlacedAt, Deadline = terms.Deadline },
        },
    };
}
