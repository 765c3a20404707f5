using System.Diagnostics.Metrics;
using System.Numerics;

namespace OrderStreams.Hosting.Metrics;

/// <summary>What an instrument becomes in Prometheus terms, told apart by type tests (no reflection).</summary>
internal readonly record struct InstrumentShape(MetricType Type, Aggregation Aggregation, double[]? Bounds)
{
    /// <summary>
    /// Upper bounds for histograms that give no advice, in seconds: 1 ms to 10 s, roughly doubling.
    /// Histograms in milliseconds (unit <c>ms</c>) get the same bounds scaled.
    /// </summary>
    public static readonly double[] DefaultSecondsBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>The shape, or null for an instrument kind or measurement type this exporter does not know.</summary>
    public static InstrumentShape? Of(Instrument instrument) => instrument switch
    {
        Instrument<long> or ObservableInstrument<long> => Of<long>(instrument),
        Instrument<int> or ObservableInstrument<int> => Of<int>(instrument),
        Instrument<double> or ObservableInstrument<double> => Of<double>(instrument),
        Instrument<float> or ObservableInstrument<float> => Of<float>(instrument),
        Instrument<short> or ObservableInstrument<short> => Of<short>(instrument),
        Instrument<byte> or ObservableInstrument<byte> => Of<byte>(instrument),
        Instrument<decimal> or ObservableInstrument<decimal> => Of<decimal>(instrument),
        _ => null,
    };

    private static InstrumentShape? Of<T>(Instrument instrument)
        where T : struct, INumberBase<T> => instrument switch
    {
        Counter<T> => new(MetricType.Counter, Aggregation.Sum, null),
        UpDownCounter<T> => new(MetricType.Gauge, Aggregation.Sum, null),
        Gauge<T> => new(MetricType.Gauge, Aggregation.LastValue, null),
        Histogram<T> histogram => new(MetricType.Histogram, Aggregation.Histogram, BucketsOf(histogram)),
        ObservableCounter<T> => new(MetricType.Counter, Aggregation.LastValue, null),
        ObservableUpDownCounter<T> or ObservableGauge<T> => new(MetricType.Gauge, Aggregation.LastValue, null),
        _ => null,
    };

    private static double[] BucketsOf<T>(Histogram<T> histogram)
        where T : struct, INumberBase<T>
    {
        // InstrumentAdvice guarantees ascending, distinct boundaries.
        if (histogram.Advice?.HistogramBucketBoundaries is { Count: > 0 } advised)
            return [.. advised.Select(double.CreateChecked)];

        return histogram.Unit == "ms" ? [.. DefaultSecondsBuckets.Select(b => b * 1000)] : DefaultSecondsBuckets;
    }
}
