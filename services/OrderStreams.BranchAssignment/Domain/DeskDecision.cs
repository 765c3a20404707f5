using OrderStreams.Contracts.Events;

namespace OrderStreams.BranchAssignment.Domain;

/// <summary>
/// What the desk of the branch an order was offered to decided about it (store key <c>branchId/orderId</c>, in that
/// branch's task): accepted or rejected there, or offered to the next branch. A repeated offer of the order to the
/// branch is dropped on it, so a repeat never takes a second place in the kitchen. It is also the decision's record:
/// unannounced until the commit that delivered it, so a new instance after a crash emits it again as it was.
/// </summary>
/// <param name="OutcomeBranchId">The outcome's branch: the one that took the order, or the original one of a rejection.</param>
/// <param name="Timestamp">The emitted record's timestamp.</param>
internal sealed record DeskDecision(string OutcomeBranchId, DateTimeOffset At, DateTimeOffset Timestamp)
{
    public OrderBranchAssigned? Assigned { get; init; }

    public OrderRejected? Rejected { get; init; }

    public BranchAssignmentRequest? NextRequest { get; init; }

    /// <summary>True until the record is known delivered.</summary>
    public bool Unannounced { get; init; } = true;

    /// <summary>The trace the decision continues.</summary>
    public string? TraceParent { get; init; }

    public static string Key(string branchId, Guid orderId) => $"{branchId}/{orderId}";

    public static DeskDecision Of(AssignmentDecision decision, DateTimeOffset timestamp, string? traceParent) => decision switch
    {
        { Outcome: { } outcome } => new(outcome.BranchId, outcome.At, timestamp)
        {
            Assigned = outcome.Outcome as OrderBranchAssigned,
            Rejected = outcome.Outcome as OrderRejected,
            TraceParent = traceParent,
        },
        { NextRequest: { } next } =>
            new(next.CandidateBranchId, next.RequestedAt, timestamp) { NextRequest = next, TraceParent = traceParent },
        _ => throw new ArgumentException("A waiting order has no decision to keep.", nameof(decision)),
    };

    public AssignmentDecision ToDecision(Guid orderId)
    {
        if (NextRequest is { } next) return new AssignmentDecision(null, next) { TraceParent = TraceParent };
        BranchAssignmentOutcome.IOutcome outcome = Assigned ?? (BranchAssignmentOutcome.IOutcome?)Rejected
            ?? throw new InvalidOperationException($"The decision about order {orderId} holds no outcome.");
        var record = new BranchAssignmentOutcome { OrderId = orderId, BranchId = OutcomeBranchId, At = At, Outcome = outcome };
        return new AssignmentDecision(record, null) { TraceParent = TraceParent };
    }
}
