using System.ComponentModel.DataAnnotations;

namespace OrderStreams.Hosting.Telemetry;

/// <summary>How a service samples its traces (section <c>Tracing</c>, environment variable <c>Tracing__SamplingRatio</c>).</summary>
public sealed class TracingOptions
{
    public const string Section = "Tracing";

    /// <summary>
    /// The share of the traces this service starts (records that come without a <c>traceparent</c>) that are recorded
    /// and exported, 0 to 1. A record that comes with one follows its parent's decision (parent-based sampling).
    /// </summary>
    [Range(0.0, 1.0, ErrorMessage = "Tracing:SamplingRatio (environment variable Tracing__SamplingRatio) must be 0 to 1.")]
    public double SamplingRatio { get; init; } = 1.0;
}
