using OrderStreams.Operations.Groups;

namespace OrderStreams.Operations.Reset;

/// <summary>What <see cref="ApplicationResetter.Execute"/> will do; nothing has changed while this is only a plan.</summary>
/// <param name="Application">The application.</param>
/// <param name="BrokerDeletesTopics">Whether the cluster has DeleteTopics (Apache Kafka) or not (the embedded broker).</param>
/// <param name="Offsets">
/// The group's new offsets: source topics at the earliest offset, intermediate topics (and, without DeleteTopics,
/// repartition topics) at their end.
/// </param>
/// <param name="InternalTopics">What happens to each internal topic.</param>
/// <param name="StateDirectory">The application's local state (<c>&lt;state dir&gt;/&lt;application id&gt;</c>) to delete, or null when it is not on this machine.</param>
public sealed record ApplicationResetPlan(
    StreamsApplicationSpec Application,
    bool BrokerDeletesTopics,
    IReadOnlyList<OffsetReset> Offsets,
    IReadOnlyList<InternalTopicStep> InternalTopics,
    string? StateDirectory)
{
    /// <summary>Records the application will read again from its source topics.</summary>
    public long RecordsToReprocess => Offsets.Where(o => Application.SourceTopics.Contains(o.Topic)).Sum(o => o.LogEnd - o.Target);
}
