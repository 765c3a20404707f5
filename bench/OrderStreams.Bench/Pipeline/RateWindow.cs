using System.Diagnostics;

namespace OrderStreams.Bench.Pipeline;

/// <summary>A rate taken between 10% and 90% of a known total, so start-up and the tail do not count.</summary>
public sealed class RateWindow(long total)
{
    private readonly long low = total / 10;
    private readonly long high = total * 9 / 10;
    private long? lowAt;
    private double? perSecond;

    public bool Done => perSecond is not null;

    public double PerSecond => perSecond ?? double.NaN;

    public void Observe(long count)
    {
        if (Done) return;
        var now = Stopwatch.GetTimestamp();
        if (lowAt is null && count >= low) lowAt = now;
        if (count >= high && lowAt is { } start) perSecond = (high - low) / Stopwatch.GetElapsedTime(start, now).TotalSeconds;
    }
}
