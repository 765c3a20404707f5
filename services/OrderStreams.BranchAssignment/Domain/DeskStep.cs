namespace OrderStreams.BranchAssignment.Domain;

/// <summary>A branch's load after a desk step, and the decisions to forward (verdicts and offers to other branches).</summary>
internal sealed record DeskStep(BranchLoad Load, IReadOnlyList<AssignmentDecision> Decisions);
