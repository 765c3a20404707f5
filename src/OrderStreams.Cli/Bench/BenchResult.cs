namespace OrderStreams.Cli.Bench;

/// <summary>What one pipeline achieved, and how it compares with the pass-through baseline of the same run.</summary>
internal sealed record BenchResult(
    string Pipeline,
    int Records,
    double RecordsPerSecond,
    double ThroughputRatio,
    int LatencyRate,
    double LatencyP50Ms,
    double LatencyP99Ms,
    double LatencyP99Ratio);
