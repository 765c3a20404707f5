namespace OrderStreams.Hosting.Metrics;

/// <summary>One labelled time series: a value, or for histograms per-bucket counts, sum and count.</summary>
internal sealed class Series(TagSet tags, int bucketCount)
{
    private readonly long[] buckets = new long[bucketCount];
    private double value;
    private double sum;
    private long count;

    public TagSet Tags { get; } = tags;

    /// <summary>The scrape in which an observable instrument last reported this series; older ones are not exported.</summary>
    public long ObservedIn { get; set; }

    public double Value => Volatile.Read(ref value);

    public void Add(double increment)
    {
        var current = Volatile.Read(ref value);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref value, current + increment, current);
            if (BitConverter.DoubleToInt64Bits(seen) == BitConverter.DoubleToInt64Bits(current))
                return;
            current = seen;
        }
    }

    public void Set(double current) => Volatile.Write(ref value, current);

    /// <summary>Counts <paramref name="measurement"/> in the first bucket whose upper bound is at least it (the last bucket is +Inf).</summary>
    public void Observe(double measurement, double[] bounds)
    {
        var bucket = Array.BinarySearch(bounds, measurement);
        if (bucket < 0)
            bucket = ~bucket;
        lock (buckets)
        {
            buckets[bucket]++;
            sum += measurement;
            count++;
        }
    }

    /// <summary>Copies the per-bucket (not cumulative) counts, sum and count as one consistent snapshot.</summary>
    public (double Sum, long Count) Snapshot(Span<long> bucketCounts)
    {
        lock (buckets)
        {
            buckets.CopyTo(bucketCounts);
            return (sum, count);
        }
    }
}
