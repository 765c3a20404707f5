namespace OrderStreams.Bench.Pipeline;

/// <summary>How <c>orderstreams bench pipeline</c> runs (see its options).</summary>
public sealed record PipelineBenchSettings(
    int Orders, int WarmupOrders, int RawRecords, int RawRounds, int RawInFlight, int InFlight, int DriversPerBranch, int LatencyRate, TimeSpan LatencyDuration, int Brokers, string Configuration);
