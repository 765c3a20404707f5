namespace OrderStreams.Streams;

/// <summary>How far apart in time two records may be to join: at most <see cref="BeforeMs"/> earlier or <see cref="AfterMs"/> later.</summary>
public sealed record JoinWindows
{
    private JoinWindows(long beforeMs, long afterMs, long graceMs)
    {
        BeforeMs = beforeMs;
        AfterMs = afterMs;
        GraceMs = graceMs;
    }

    public long BeforeMs { get; }

    public long AfterMs { get; }

    public long GraceMs { get; }

    public static JoinWindows OfTimeDifferenceWithNoGrace(TimeSpan difference) => OfTimeDifferenceAndGrace(difference, TimeSpan.Zero);

    public static JoinWindows OfTimeDifferenceAndGrace(TimeSpan difference, TimeSpan grace)
    {
        if (difference < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(difference), difference, "The time difference cannot be negative.");
        if (grace < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(grace), grace, "The grace period cannot be negative.");
        var ms = (long)difference.TotalMilliseconds;
        return new JoinWindows(ms, ms, (long)grace.TotalMilliseconds);
    }

    internal TimeSpan Retention => TimeSpan.FromMilliseconds(BeforeMs + AfterMs + GraceMs + 1);
}
