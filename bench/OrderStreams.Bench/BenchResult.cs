namespace OrderStreams.Bench;

/// <summary>What one pipeline achieved, and how it compares with the pass-through baseline of the same run.</summary>
public sealed record BenchResult(
    string Pipeline,
    int Records,
    double RecordsPerSecond,
    double ThroughputRatio,
    int LatencyRate,
    double LatencyP50Ms,
    double LatencyP99Ms,
    double LatencyP99Ratio);
