using OrderStreams.Contracts.Events;
using OrderStreams.OrderFlow;

namespace OrderStreams.BranchAssignment.Domain;

/// <summary>An order waiting for its payment verdict, or already sent on to branch assignment (store key: the order id).</summary>
internal sealed record PendingAssignment : ITracedState<PendingAssignment>
{
    /// <summary>The order, until its first request is known delivered.</summary>
    public OrderPlaced? Order { get; init; }

    /// <summary>The captured payment, once orders.paid said so.</summary>
    public Guid? PaymentId { get; init; }

    /// <summary>True once the order was paid but will never be assigned (payment failed or expired).</summary>
    public bool Abandoned { get; init; }

    /// <summary>True once the first request went out; later copies of the inputs change nothing.</summary>
    public bool Requested { get; init; }

    /// <summary>When the first request was made: its <c>requestedAt</c> and timestamp.</summary>
    public DateTimeOffset? RequestedAt { get; init; }

    public DateTimeOffset LastChange { get; init; }

    public string? TraceParent { get; init; }

    public PendingAssignment WithTraceParent(string traceParent) => this with { TraceParent = traceParent };
}
