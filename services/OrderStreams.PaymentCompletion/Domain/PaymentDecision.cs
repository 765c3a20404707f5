using OrderStreams.Contracts.Events;

namespace OrderStreams.PaymentCompletion.Domain;

/// <summary>
/// What one event made payment-completion write: the order's one verdict (<c>orders.paid</c>), a refund due for a
/// capture that does not pay the order (<c>payments.refunds-due</c>), or both.
/// </summary>
internal sealed record PaymentDecision(OrderPaymentOutcome? Verdict, PaymentRefundDue? Refund)
{
    /// <summary>The branch both records are keyed by.</summary>
    public string BranchId => Verdict?.BranchId ?? Refund?.BranchId ?? throw new InvalidOperationException("A decision without a record.");
}
