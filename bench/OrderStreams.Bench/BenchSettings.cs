namespace OrderStreams.Bench;

/// <summary>How much to measure.</summary>
/// <param name="Records">Records preloaded for the throughput run; keep records × size / 12 under the embedded broker's ~5 MB per partition.</param>
/// <param name="ValueBytes">Size of each value.</param>
/// <param name="LatencyRate">Input rate of the latency run, records per second.</param>
/// <param name="LatencyDuration">How long the latency run sends.</param>
/// <param name="Timeout">Longest a single run may take.</param>
public sealed record BenchSettings(int Records, int ValueBytes, int LatencyRate, TimeSpan LatencyDuration, TimeSpan Timeout);
