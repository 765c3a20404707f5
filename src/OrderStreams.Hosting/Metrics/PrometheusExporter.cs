using System.Buffers;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.ObjectPool;
using Microsoft.Extensions.Options;

namespace OrderStreams.Hosting.Metrics;

/// <summary>
/// Keeps the measurements of the configured meters and renders them in the Prometheus text format 0.0.4
/// (the mirror has no OpenTelemetry Prometheus exporter).
/// </summary>
/// <remarks>
/// Counters are cumulative from process start; up-down counters and gauges hold their current value;
/// observable instruments are read at each scrape. Families are rendered sorted by name, series in the order
/// they first appeared. Meters created by another host's <see cref="IMeterFactory"/> are left to that host.
/// </remarks>
internal sealed partial class PrometheusExporter : IDisposable
{
    private static readonly ObjectPool<StringBuilder> Builders =
        new DefaultObjectPoolProvider().CreateStringBuilderPool(initialCapacity: 16 * 1024, maximumRetainedCapacity: 4 * 1024 * 1024);

    private readonly MetricsOptions options;
    private readonly IMeterFactory meterFactory;
    private readonly ILogger logger;
    private readonly MeterListener listener;
    private readonly Lock familiesGate = new();
    private readonly Dictionary<string, MetricFamily> families = new(StringComparer.Ordinal);
    private readonly Lock scrapeGate = new();
    private MetricFamily[] sorted = [];
    private long scrape;

    public PrometheusExporter(IOptions<MetricsOptions> options, IMeterFactory meterFactory, ILogger<PrometheusExporter> logger)
    {
        this.options = options.Value;
        this.meterFactory = meterFactory;
        this.logger = logger;
        listener = new MeterListener { InstrumentPublished = OnInstrumentPublished };
        listener.SetMeasurementEventCallback<long>(static (_, m, tags, state) => Record(state, m, tags));
        listener.SetMeasurementEventCallback<int>(static (_, m, tags, state) => Record(state, m, tags));
        listener.SetMeasurementEventCallback<double>(static (_, m, tags, state) => Record(state, m, tags));
        listener.SetMeasurementEventCallback<float>(static (_, m, tags, state) => Record(state, m, tags));
        listener.SetMeasurementEventCallback<short>(static (_, m, tags, state) => Record(state, m, tags));
        listener.SetMeasurementEventCallback<byte>(static (_, m, tags, state) => Record(state, m, tags));
        listener.SetMeasurementEventCallback<decimal>(static (_, m, tags, state) => Record(state, (double)m, tags));
        listener.Start();
    }

    /// <summary>The exposition of every family with a current series.</summary>
    public string Scrape()
    {
        var text = Builders.Get();
        try
        {
            Render(text);
            return text.ToString();
        }
        finally
        {
            Builders.Return(text);
        }
    }

    public async Task WriteAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        response.ContentType = PrometheusText.ContentType;
        Write(response.BodyWriter);
        await response.BodyWriter.FlushAsync(cancellationToken);
    }

    /// <summary>Renders a scrape into <paramref name="output"/> as UTF-8.</summary>
    public void Write(IBufferWriter<byte> output)
    {
        var text = Builders.Get();
        try
        {
            Render(text);
            // One stateful encoder across chunks: a chunk boundary may split a surrogate pair.
            var encoder = Encoding.UTF8.GetEncoder();
            foreach (var chunk in text.GetChunks())
                encoder.Convert(chunk.Span, output, flush: false, out _, out _);
            encoder.Convert([], output, flush: true, out _, out _);
        }
        finally
        {
            Builders.Return(text);
        }
    }

    public void Dispose() => listener.Dispose();

    private void Render(StringBuilder text)
    {
        lock (scrapeGate)
        {
            Interlocked.Increment(ref scrape);
            listener.RecordObservableInstruments();
            var current = Volatile.Read(ref sorted);
            var now = Interlocked.Read(ref scrape);
            foreach (var family in current)
                family.Render(text, now);
        }
    }

    private static void Record(object? state, double measurement, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (state is Subscription subscription)
            subscription.Family.Record(measurement, tags, Interlocked.Read(ref subscription.Exporter.scrape));
    }

    private void OnInstrumentPublished(Instrument instrument, MeterListener meterListener)
    {
        // A meter from another host's factory (several services in one process) belongs to that host's /metrics.
        var scope = instrument.Meter.Scope;
        if (!options.Exports(instrument.Meter.Name) || (scope is not null && !ReferenceEquals(scope, meterFactory)))
            return;
        if (InstrumentShape.Of(instrument) is not { } shape)
        {
            LogUnsupported(instrument.Meter.Name, instrument.Name);
            return;
        }

        var name = PrometheusText.MetricName(instrument.Name, instrument.Unit, shape.Type);
        // promtool's lint wants HELP on every family; without a description, say where the numbers come from.
        var help = string.IsNullOrWhiteSpace(instrument.Description) ? $"{instrument.Name} from meter {instrument.Meter.Name}" : instrument.Description;
        var candidate = new MetricFamily(name, help, instrument.IsObservable, shape, options.MaxSeriesPerMetric);
        MetricFamily family;
        lock (familiesGate)
        {
            if (!families.TryGetValue(name, out var existing))
            {
                families.Add(name, candidate);
                Volatile.Write(ref sorted, [.. families.Values.OrderBy(f => f.Name, StringComparer.Ordinal)]);
                family = candidate;
            }
            else if (existing.SameShape(candidate))
            {
                family = existing;
            }
            else
            {
                LogConflict(instrument.Meter.Name, instrument.Name, name);
                return;
            }
        }

        meterListener.EnableMeasurementEvents(instrument, new Subscription(this, family));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instrument {Meter}/{Instrument} is not exported: its kind or measurement type is not supported.")]
    private partial void LogUnsupported(string meter, string instrument);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instrument {Meter}/{Instrument} is not exported: {Metric} is already exported with another type or buckets.")]
    private partial void LogConflict(string meter, string instrument, string metric);

    private sealed record Subscription(PrometheusExporter Exporter, MetricFamily Family);
}
