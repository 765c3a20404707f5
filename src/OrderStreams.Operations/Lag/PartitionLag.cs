namespace OrderStreams.Operations.Lag;

/// <summary>How far one consumer group is behind on one partition at one moment.</summary>
/// <param name="Topic">Topic.</param>
/// <param name="Partition">Partition.</param>
/// <param name="CommittedOffset">The group's committed offset, or null when it has committed none.</param>
/// <param name="LogStartOffset">The partition's low watermark.</param>
/// <param name="EndOffset">The partition's high watermark (the offset the next record will get).</param>
/// <param name="OldestUnconsumedTimestamp">Timestamp of the record at the committed offset when the group is behind.</param>
public sealed record PartitionLag(
    string Topic,
    int Partition,
    long? CommittedOffset,
    long LogStartOffset,
    long EndOffset,
    DateTimeOffset? OldestUnconsumedTimestamp)
{
    /// <summary>Records not yet consumed: from the committed offset (or the log start) to the end.</summary>
    public long Lag => Math.Max(0, EndOffset - Math.Max(CommittedOffset ?? LogStartOffset, LogStartOffset));

    /// <summary>How old the oldest record not yet consumed is at <paramref name="now"/>; zero when caught up.</summary>
    public TimeSpan LagTime(DateTimeOffset now) =>
        Lag == 0 || OldestUnconsumedTimestamp is not { } oldest || oldest > now ? TimeSpan.Zero : now - oldest;
}
