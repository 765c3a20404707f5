using System.ComponentModel.DataAnnotations;

namespace OrderStreams.Hosting.Metrics;

/// <summary>Which meters <c>/metrics</c> exports (section <c>Metrics</c>).</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>The meters exported when <see cref="Meters"/> is empty: the streams runtime, every service's own meters and the rest of ours.</summary>
    public static IReadOnlyList<string> DefaultMeters { get; } = ["OrderStreams.*"];

    /// <summary>
    /// Meter names to export: an exact name (<c>OrderStreams.Streams</c>) or a prefix ending in <c>*</c>
    /// (<c>OrderStreams.Services.*</c>). Empty means <see cref="DefaultMeters"/>; configured entries replace the default.
    /// </summary>
    /// <remarks>.NET's runtime metrics and ASP.NET Core's are exported whatever this says (OpenTelemetry's instrumentation).</remarks>
    public List<string> Meters { get; init; } = [];

    /// <summary>
    /// The most series one metric keeps; measurements for further tag sets are added to one series labelled
    /// <c>otel_metric_overflow="true"</c> (OpenTelemetry's convention), so a tag with unbounded values cannot exhaust memory.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxSeriesPerMetric { get; init; } = 2000;

    internal IReadOnlyList<string> EffectiveMeters => Meters.Count == 0 ? DefaultMeters : Meters;
}
