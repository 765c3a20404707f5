using OrderStreams.Contracts.Events;

namespace OrderStreams.BranchAssignment.Domain;

/// <summary>What a candidate branch did with a request: a verdict (accepted or rejected), or the offer to the next branch.</summary>
internal sealed record AssignmentDecision(BranchAssignmentOutcome? Outcome, BranchAssignmentRequest? NextRequest)
{
    /// <summary>The record key: the branch that took the order, the original branch of a rejection, or the next candidate.</summary>
    public string Key => Outcome?.BranchId ?? NextRequest!.CandidateBranchId;
}
