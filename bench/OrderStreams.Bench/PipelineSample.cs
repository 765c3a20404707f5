namespace OrderStreams.Bench;

/// <summary>What one round measured of one pipeline.</summary>
/// <param name="RecordsPerSecond">Throughput over the preloaded input, between 10% and 90% of the output.</param>
/// <param name="P50Ms">Per-hop latency at the fixed input rate, median.</param>
/// <param name="P99Ms">Per-hop latency at the fixed input rate, 99th percentile.</param>
/// <param name="FirstOutputMs">From the engine's start (on the preloaded input) until the first output record was seen.</param>
public sealed record PipelineSample(double RecordsPerSecond, double P50Ms, double P99Ms, double FirstOutputMs);
