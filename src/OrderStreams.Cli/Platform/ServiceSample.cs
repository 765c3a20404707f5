namespace OrderStreams.Cli.Platform;

/// <summary>One service at one moment, as the platform monitor sees it from outside.</summary>
/// <param name="Service">Service name.</param>
/// <param name="State">running, restoring (not ready yet), or exited.</param>
/// <param name="Lag">Records its group has not consumed, over all input partitions.</param>
/// <param name="LagSeconds">Age of its oldest unconsumed record.</param>
/// <param name="ProcessedPerSecond">Committed offsets advanced per second since the previous sample.</param>
/// <param name="PartitionLag">Lag per partition number, summed over its (co-partitioned) input topics.</param>
public sealed record ServiceSample(string Service, string State, long Lag, double LagSeconds, double ProcessedPerSecond, IReadOnlyList<long> PartitionLag);
