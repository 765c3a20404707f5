namespace OrderStreams.Operations.DeadLetters;

/// <summary>What a redrive will do, computed without changing anything.</summary>
/// <param name="Queue">The dead-letter topic and its redrive group.</param>
/// <param name="Steps">The dead letters it handles, in order per partition.</param>
/// <param name="AlreadyRedriven">Chosen dead letters an earlier redrive handled; they are not produced again.</param>
/// <param name="HandledBefore">Per dead-letter partition, the redrive group's committed offset the plan was made from (absent: none yet).</param>
public sealed record RedrivePlan(
    DeadLetterQueue Queue,
    IReadOnlyList<RedriveStep> Steps,
    IReadOnlyList<DeadLetter> AlreadyRedriven,
    IReadOnlyDictionary<int, long> HandledBefore)
{
    /// <summary>Per dead-letter partition, the offset to commit once the steps are done: after its last handled dead letter.</summary>
    public IReadOnlyDictionary<int, long> Commits =>
        Steps.GroupBy(s => s.DeadLetter.Partition).ToDictionary(g => g.Key, g => g.Max(s => s.DeadLetter.Offset) + 1);

    public int ToProduce => Steps.Count(s => s.Action != RedriveAction.Skip);
}
