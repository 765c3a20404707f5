using System.Diagnostics.Metrics;
using System.Numerics;

namespace OrderStreams.Hosting.Metrics;

/// <summary>What an instrument becomes in Prometheus terms, told apart by type tests (no reflection).</summary>
/// <param name="Divisor">Measurements are divided by it to be in the exported base unit (1000 for milliseconds).</param>
internal readonly record struct InstrumentShape(MetricType Type, Aggregation Aggregation, double[]? Bounds, double Divisor)
{
    /// <summary>Upper bounds for histograms that give no advice, in seconds (durations in ms are exported in seconds): 1 ms to 10 s.</summary>
    public static readonly double[] DefaultSecondsBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>The shape, or null for an instrument kind or measurement type this exporter does not know.</summary>
    public static InstrumentShape? Of(Instrument instrument) => OfMeasurementType(instrument) is { } shape
        ? shape with { Divisor = PrometheusText.UnitDivisor(instrument.Name, instrument.Unit) }
        : null;

    private static InstrumentShape? OfMeasurementType(Instrument instrument) => instrument switch
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
        Counter<T> => new(MetricType.Counter, Aggregation.Sum, null, 1),
        UpDownCounter<T> => new(MetricType.Gauge, Aggregation.Sum, null, 1),
        Gauge<T> => new(MetricType.Gauge, Aggregation.LastValue, null, 1),
        Histogram<T> histogram => new(MetricType.Histogram, Aggregation.Histogram, BucketsOf(histogram), 1),
        ObservableCounter<T> => new(MetricType.Counter, Aggregation.LastValue, null, 1),
        ObservableUpDownCounter<T> or ObservableGauge<T> => new(MetricType.Gauge, Aggregation.LastValue, null, 1),
        _ => null,
    };

    private static double[] BucketsOf<T>(Histogram<T> histogram)
        where T : struct, INumberBase<T>
    {
        // InstrumentAdvice guarantees ascending, distinct boundaries, in the instrument's unit.
        var divisor = PrometheusText.UnitDivisor(histogram.Name, histogram.Unit);
        return histogram.Advice?.HistogramBucketBoundaries is { Count: > 0 } advised
            ? [.. advised.Select(b => double.CreateChecked(b) / divisor)]
            : DefaultSecondsBuckets;
    }
}
