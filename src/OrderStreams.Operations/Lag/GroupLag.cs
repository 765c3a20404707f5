namespace OrderStreams.Operations.Lag;

/// <summary>A consumer group's lag on every partition of its topics, read at <see cref="At"/>.</summary>
public sealed record GroupLag(string Group, DateTimeOffset At, IReadOnlyList<PartitionLag> Partitions)
{
    public long TotalLag => Partitions.Sum(p => p.Lag);

    /// <summary>The age of the oldest unconsumed record across all partitions.</summary>
    public TimeSpan MaxLagTime => Partitions.Count == 0 ? TimeSpan.Zero : Partitions.Max(p => p.LagTime(At));
}
