namespace OrderStreams.Bench.Pipeline;

/// <summary>How long orders took over one step of the order path, from the previous step's output to this step's.</summary>
public sealed record StepLatency(string Step, double P50Ms, double P99Ms);
