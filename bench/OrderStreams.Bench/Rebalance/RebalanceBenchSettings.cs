namespace OrderStreams.Bench.Rebalance;

/// <summary>The load and thresholds of <see cref="RebalanceBench"/>.</summary>
/// <param name="Partitions">Partitions of each of the two co-partitioned source topics (and of the tasks).</param>
/// <param name="RecordsPerSecondPerPartition">Steady input rate of every source partition.</param>
/// <param name="StallThreshold">A source partition that goes longer than this without processing has stalled.</param>
/// <param name="ClassicSessionTimeoutMs">session.timeout.ms of classic members (the dev platform's value).</param>
/// <param name="Timeout">Longest wait for a step to settle.</param>
public sealed record RebalanceBenchSettings(
    int Partitions, int RecordsPerSecondPerPartition, TimeSpan StallThreshold, int ClassicSessionTimeoutMs, TimeSpan Timeout);
