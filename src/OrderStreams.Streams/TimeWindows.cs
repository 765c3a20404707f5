namespace OrderStreams.Streams;

/// <summary>
/// Fixed-size windows aligned to the epoch: tumbling when the advance equals the size, hopping when it is smaller.
/// Records later than window end + grace (in stream time) are dropped.
/// </summary>
public sealed record TimeWindows
{
    private TimeWindows(long sizeMs, long advanceMs, long graceMs)
    {
        SizeMs = sizeMs;
        AdvanceMs = advanceMs;
        GraceMs = graceMs;
    }

    public long SizeMs { get; }

    public long AdvanceMs { get; }

    public long GraceMs { get; }

    public static TimeWindows OfSizeWithNoGrace(TimeSpan size) => OfSizeAndGrace(size, TimeSpan.Zero);

    public static TimeWindows OfSizeAndGrace(TimeSpan size, TimeSpan grace)
    {
        var sizeMs = (long)size.TotalMilliseconds;
        if (sizeMs < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "The window size must be at least 1 ms.");
        if (grace < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(grace), grace, "The grace period cannot be negative.");
        return new TimeWindows(sizeMs, sizeMs, (long)grace.TotalMilliseconds);
    }

    /// <summary>Makes the windows hop: a new window starts every <paramref name="advance"/> (at most the size).</summary>
    public TimeWindows AdvanceBy(TimeSpan advance)
    {
        var advanceMs = (long)advance.TotalMilliseconds;
        if (advanceMs < 1 || advanceMs > SizeMs)
            throw new ArgumentOutOfRangeException(nameof(advance), advance, $"The advance must be between 1 ms and the window size ({SizeMs} ms).");
        return new TimeWindows(SizeMs, advanceMs, GraceMs);
    }

    /// <summary>Start times of the windows containing <paramref name="timestamp"/>, oldest first.</summary>
    public IEnumerable<long> WindowStartsFor(long timestamp)
    {
        var lastStart = timestamp - (timestamp % AdvanceMs + AdvanceMs) % AdvanceMs;
        var firstStart = Math.Max(0, lastStart - SizeMs + AdvanceMs);
        for (var start = firstStart; start <= lastStart; start += AdvanceMs)
        {
            if (timestamp < start + SizeMs) yield return start;
        }
    }

    internal TimeSpan DefaultRetention => TimeSpan.FromMilliseconds(Math.Max(SizeMs + GraceMs, (long)TimeSpan.FromDays(1).TotalMilliseconds));
}
