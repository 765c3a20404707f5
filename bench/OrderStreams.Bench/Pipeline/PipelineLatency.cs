namespace OrderStreams.Bench.Pipeline;

/// <summary>One fixed-rate latency run of the services: placed → driver-assigned, and the same split by step.</summary>
public sealed record PipelineLatency(LatencySamples PlacedToDriverAssigned, IReadOnlyList<StepLatency> Steps);
