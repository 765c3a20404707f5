using OrderStreams.Contracts.Common;
using OrderStreams.OrderFlow;

namespace OrderStreams.PaymentCompletion.Domain;

/// <summary>What payment-completion knows about one order (store key: the order id).</summary>
internal sealed record PaymentState : ITracedState<PaymentState>
{
    /// <summary>The order's terms, once the order was seen.</summary>
    public OrderTerms? Order { get; init; }

    /// <summary>Decisive payments (captured, failed) that arrived before the order, in arrival order.</summary>
    public IReadOnlyList<SeenPayment> EarlyPayments { get; init; } = [];

    /// <summary>The verdict once reached; later events for the order are ignored.</summary>
    public Verdict? Verdict { get; init; }

    /// <summary>Captures that did not pay the order and were refunded, so a redelivered one is not refunded again.</summary>
    public IReadOnlyList<Guid> Refunded { get; init; } = [];

    /// <summary>The verdict's record until the commit that delivered it (a new instance emits it again); then null.</summary>
    public UnannouncedVerdict? Unannounced { get; init; }

    /// <summary>Stream time of the last change, for removing settled state after the retention.</summary>
    public DateTimeOffset LastChange { get; init; }

    /// <summary>The order's trace, which its expiry continues.</summary>
    public string? TraceParent { get; init; }

    public PaymentState WithTraceParent(string traceParent) => this with { TraceParent = traceParent };
}

internal sealed record OrderTerms(string BranchId, Money Total, DateTimeOffset PlacedAt, DateTimeOffset Deadline);

internal sealed record SeenPayment(Guid PaymentId, PaymentStatus Status, Money Amount, string? FailureReason);

internal enum Verdict
{
    Paid,
    Failed,
    Expired,
}
