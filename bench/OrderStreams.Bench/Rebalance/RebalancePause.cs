namespace OrderStreams.Bench.Rebalance;

/// <summary>What one scale-out step did to processing, from the times each source partition's records were processed.</summary>
/// <param name="Members">Group members after the step.</param>
/// <param name="PauseMs">From the new member's start until every partition that stalled processed again (0: none stalled).</param>
/// <param name="LongestStallMs">The longest time one partition went without processing.</param>
/// <param name="StalledPartitions">Partitions that stalled (went longer than the threshold without processing).</param>
public sealed record RebalancePause(int Members, double PauseMs, double LongestStallMs, int StalledPartitions)
{
    /// <summary>
    /// Measures the step that started at <paramref name="joinedAt"/> and ended at <paramref name="until"/>.
    /// <paramref name="processedAt"/> holds, per source partition, the times its records were processed, in order; a
    /// gap longer than <paramref name="stallThreshold"/> within the step is a stall, and the step's pause ends at the end
    /// of the last stall. A partition with nothing processed after the join counts as stalled until <paramref name="until"/>.
    /// </summary>
    public static RebalancePause Measure(
        int members, IReadOnlyDictionary<int, List<DateTime>> processedAt, DateTime joinedAt, DateTime until, TimeSpan stallThreshold)
    {
        var resumedAt = joinedAt;
        var longest = TimeSpan.Zero;
        var stalled = 0;
        foreach (var times in processedAt.Values)
        {
            var previous = times.LastOrDefault(t => t <= joinedAt, joinedAt);
            var stall = (Start: previous, End: previous, Length: TimeSpan.Zero);
            foreach (var time in times.Where(t => t > joinedAt && t <= until).Append(until))
            {
                if (time - previous > stall.Length) stall = (previous, time, time - previous);
                previous = time;
            }
            if (stall.Length <= stallThreshold) continue;
            stalled++;
            longest = stall.Length > longest ? stall.Length : longest;
            resumedAt = stall.End > resumedAt ? stall.End : resumedAt;
        }
        return new RebalancePause(members, (resumedAt - joinedAt).TotalMilliseconds, longest.TotalMilliseconds, stalled);
    }
}
