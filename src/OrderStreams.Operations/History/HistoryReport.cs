using System.Globalization;

namespace OrderStreams.Operations.History;

/// <summary>
/// Whether the source partitions of a rebuild still hold their whole history, and if not, from when a rebuild from
/// what is left would be complete: from the latest first retained record of the partitions whose start is gone.
/// Topics that keep a window by design (driver pings) are shown but never make a rebuild partial.
/// </summary>
/// <param name="Partitions">Every source partition, by topic and number.</param>
/// <param name="CheckedAt">When the log was read; a partition that holds no record any more is complete only from then.</param>
public sealed record HistoryReport(IReadOnlyList<PartitionHistory> Partitions, DateTimeOffset CheckedAt)
{
    /// <summary>Every partition still starts at offset 0, or keeps a window by design.</summary>
    public bool Complete => !Partitions.Any(p => p.Partial);

    /// <summary>The time from which a rebuild from the log is complete; null when the whole history is there.</summary>
    public DateTimeOffset? CompleteFrom => Complete ? null : Partitions.Where(p => p.Partial).Max(CompleteFromOf);

    /// <summary>The history of each topic, in the order of <see cref="Partitions"/>.</summary>
    public IReadOnlyList<TopicHistory> ByTopic() =>
        Partitions.GroupBy(p => p.Topic).Select(topic =>
        {
            var gone = topic.Where(p => !p.Complete).ToList();
            return new TopicHistory(
                topic.Key,
                topic.Count(),
                topic.Min(p => p.FirstRetained),
                gone.Select(p => p.Partition).ToList(),
                gone.Sum(p => p.RecordsGone),
                gone.Count == 0 ? null : gone.Max(CompleteFromOf),
                topic.Any(p => p.Windowed));
        }).ToList();

    /// <summary>Why a rebuild from this log refuses to run, naming the topics, partitions and the time it would be complete from.</summary>
    public string Refusal(string rebuild, string acceptOption)
    {
        var missing = ByTopic().Where(t => !t.Complete && !t.Windowed).Select(t =>
            $"{t.Topic} partition(s) {string.Join(", ", t.StartGone)} ({t.RecordsGone:N0} record(s) gone, complete from {Text(t.CompleteFrom!.Value)})");
        return $"The log no longer holds the whole history {rebuild} needs: {string.Join("; ", missing)}. " +
               $"Rebuilt from what is left, the view would be complete only from {Text(CompleteFrom!.Value)}. Nothing was changed. " +
               $"Keep the sources of truth longer (docs/operations.md, retention by role), or rebuild anyway with {acceptOption}: " +
               "the rebuilt view is then marked complete only from that time.";
    }

    /// <summary>An instant as the CLI prints it: UTC, ISO 8601, milliseconds.</summary>
    public static string Text(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private DateTimeOffset CompleteFromOf(PartitionHistory partition) => partition.FirstRetained ?? CheckedAt;
}
