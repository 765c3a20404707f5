namespace OrderStreams.Bench;

/// <summary>Latencies in Stopwatch ticks, with percentiles in milliseconds.</summary>
public sealed class LatencySamples
{
    private readonly List<long> ticks = [];
    private readonly Lock gate = new();

    public int Count
    {
        get
        {
            lock (gate) return ticks.Count;
        }
    }

    public void Add(long elapsedTicks)
    {
        lock (gate) ticks.Add(elapsedTicks);
    }

    /// <summary>The nearest-rank percentile (0 &lt; p ≤ 100) in milliseconds.</summary>
    public double PercentileMs(double p)
    {
        lock (gate)
        {
            if (ticks.Count == 0) return double.NaN;
            var sorted = ticks.Order().ToArray();
            var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
            return sorted[Math.Clamp(rank, 0, sorted.Length - 1)] * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
        }
    }
}
