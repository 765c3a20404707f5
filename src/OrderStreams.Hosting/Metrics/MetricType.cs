namespace OrderStreams.Hosting.Metrics;

/// <summary>The <c># TYPE</c> of an exported family.</summary>
internal enum MetricType
{
    Counter,
    Gauge,
    Histogram,
}
