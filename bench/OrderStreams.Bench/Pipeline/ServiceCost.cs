namespace OrderStreams.Bench.Pipeline;

/// <summary>What one service did during a capacity run, from its own counters and CPU time.</summary>
/// <param name="Service">Service name.</param>
/// <param name="RecordsInPerSecond">Input records it processed (its <c>streams.records.processed</c> counter) per second of the run.</param>
/// <param name="RecordsOutPerSecond">Records added to the topics it writes, per second of the run.</param>
/// <param name="CpuSecondsPer1000Orders">Its process's CPU time (user + system) per 1,000 orders through the pipeline.</param>
public sealed record ServiceCost(string Service, double RecordsInPerSecond, double RecordsOutPerSecond, double CpuSecondsPer1000Orders);
