namespace OrderStreams.Operations.Groups;

/// <summary>One partition of a reset plan.</summary>
/// <param name="Topic">Topic.</param>
/// <param name="Partition">Partition.</param>
/// <param name="Current">The group's committed offset now, or null if it has none.</param>
/// <param name="Target">The offset the reset commits.</param>
/// <param name="LogStart">The partition's low watermark, for context.</param>
/// <param name="LogEnd">The partition's high watermark, for context.</param>
public sealed record OffsetReset(string Topic, int Partition, long? Current, long Target, long LogStart, long LogEnd)
{
    /// <summary>How many records the group will read again (positive) or skip (negative).</summary>
    public long Change => (Current ?? LogStart) - Target;
}
