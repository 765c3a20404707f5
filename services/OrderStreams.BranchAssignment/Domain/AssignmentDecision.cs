using OrderStreams.Contracts.Events;

namespace OrderStreams.BranchAssignment.Domain;

/// <summary>
/// What a candidate branch did with a request: a verdict (accepted or rejected), the offer to the next branch, or
/// neither: the order waits at the branch for capacity (<see cref="Waits"/>).
/// </summary>
internal sealed record AssignmentDecision(BranchAssignmentOutcome? Outcome, BranchAssignmentRequest? NextRequest)
{
    public static AssignmentDecision Wait { get; } = new(null, null);

    /// <summary>The trace of the order the decision is about, when that is not the trace of the record being processed.</summary>
    public string? TraceParent { get; init; }

    public bool Waits => Outcome is null && NextRequest is null;

    /// <summary>The order the decision is about.</summary>
    public Guid OrderId => Outcome?.OrderId ?? NextRequest?.Order.OrderId
        ?? throw new InvalidOperationException("A waiting order has no decision about it.");

    /// <summary>The record key: the branch that took the order, the original branch of a rejection, or the next candidate.</summary>
    public string Key => Outcome?.BranchId ?? NextRequest?.CandidateBranchId
        ?? throw new InvalidOperationException("A waiting order is not forwarded, so it has no record key.");
}
