namespace OrderStreams.Operations.Groups;

/// <summary>Where to move a group's offsets, as kafka-consumer-groups --reset-offsets names it.</summary>
public abstract record ResetTarget
{
    private ResetTarget()
    {
    }

    public sealed record Earliest : ResetTarget;

    public sealed record Latest : ResetTarget;

    /// <summary>The first offset whose timestamp is at or after <paramref name="Time"/> (the end when there is none).</summary>
    public sealed record ToDateTime(DateTimeOffset Time) : ResetTarget;

    /// <summary>An absolute offset, clamped to the partition's range.</summary>
    public sealed record ToOffset(long Offset) : ResetTarget;

    /// <summary>The current offset moved by <paramref name="Delta"/> (negative: back), clamped to the partition's range.</summary>
    public sealed record ShiftBy(long Delta) : ResetTarget;
}
