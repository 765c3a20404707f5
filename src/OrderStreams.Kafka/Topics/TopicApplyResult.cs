namespace OrderStreams.Kafka.Topics;

/// <summary>What <see cref="TopicApplier.ApplyAsync"/> found and did.</summary>
/// <param name="Checks">Every manifest topic as it stood before the apply.</param>
/// <param name="DryRun">True when nothing was created.</param>
public sealed record TopicApplyResult(IReadOnlyList<TopicCheck> Checks, bool DryRun)
{
    /// <summary>The topics that were missing: created, or to be created on a dry run.</summary>
    public IReadOnlyList<TopicSpec> Missing => Checks.Where(c => c.Status == TopicStatus.Missing).Select(c => c.Spec).ToList();

    /// <summary>The existing topics that keep less history than the manifest asks (among <see cref="Drifted"/>).</summary>
    public IReadOnlyList<TopicCheck> ShorterRetention => Checks.Where(c => c.ShorterRetention is not null).ToList();

    /// <summary>The existing topics that differ from the manifest (left unchanged).</summary>
    public IReadOnlyList<TopicCheck> Drifted => Checks.Where(c => c.Status == TopicStatus.Differs).ToList();
}
