using OrderStreams.Operations.Restore;

namespace OrderStreams.Platform;

/// <summary>One service instance at one moment, as the platform monitor sees it from outside.</summary>
/// <param name="Service">Service name.</param>
/// <param name="ApplicationId">Its application id and consumer group (the name, or a version such as denormaliser-v2).</param>
/// <param name="State">running, restoring (not ready yet), starting, stopped, restarting in Ns (after a crash) or crashed (given up).</param>
/// <param name="Serving">Whether the query gateway forwards the service's queries to this instance.</param>
/// <param name="Lag">Records its group has not consumed, over all input partitions.</param>
/// <param name="LagSeconds">Age of its oldest unconsumed record.</param>
/// <param name="ProcessedPerSecond">Committed offsets advanced per second since the previous sample.</param>
/// <param name="PartitionLag">Lag per partition number, summed over its (co-partitioned) input topics.</param>
/// <param name="Restoring">Store partitions it is restoring (its queries on them answer 503 unless stale reads are asked for).</param>
/// <param name="Restarts">How often the supervisor started it again after a crash.</param>
/// <param name="LastLines">Its last log lines before its latest crash (empty while it has not crashed).</param>
public sealed record ServiceSample(
    string Service,
    string ApplicationId,
    string State,
    bool Serving,
    long Lag,
    double LagSeconds,
    double ProcessedPerSecond,
    IReadOnlyList<long> PartitionLag,
    IReadOnlyList<PartitionRestore> Restoring,
    int Restarts,
    IReadOnlyList<string> LastLines);
