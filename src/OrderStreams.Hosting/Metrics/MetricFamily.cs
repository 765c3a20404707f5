using System.Collections.Concurrent;
using System.Text;

namespace OrderStreams.Hosting.Metrics;

/// <summary>Everything exported under one metric name: its HELP, TYPE and series, fed by one or more instruments.</summary>
internal sealed class MetricFamily
{
    private readonly ConcurrentDictionary<TagSet, Series> series = new(TagSetComparer.Instance);
    private readonly ConcurrentDictionary<TagSet, Series>.AlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>> lookup;
    private readonly List<Series> ordered = [];
    private readonly double[] bounds;
    private readonly double divisor;
    private readonly int maxSeries;
    private Series? overflow;

    public MetricFamily(string name, string help, bool observable, InstrumentShape shape, int maxSeries)
    {
        this.maxSeries = maxSeries;
        Name = name;
        Help = help;
        Type = shape.Type;
        Aggregation = shape.Aggregation;
        Observable = observable;
        bounds = shape.Bounds ?? [];
        divisor = shape.Divisor;
        lookup = series.GetAlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>>();
    }

    public string Name { get; }

    public string Help { get; }

    public MetricType Type { get; }

    public Aggregation Aggregation { get; }

    /// <summary>Observable instruments report every series on each scrape; a series they stop reporting (a revoked partition) disappears.</summary>
    public bool Observable { get; }

    public bool SameShape(MetricFamily other) =>
        Type == other.Type && Aggregation == other.Aggregation && Observable == other.Observable && divisor.Equals(other.divisor) && bounds.AsSpan().SequenceEqual(other.bounds);

    public void Record(double measurement, ReadOnlySpan<KeyValuePair<string, object?>> tags, long scrape)
    {
        var target = Find(tags);
        if (divisor != 1)
            measurement /= divisor;
        switch (Aggregation)
        {
            case Aggregation.Sum:
                target.Add(measurement);
                break;
            case Aggregation.LastValue:
                target.Set(measurement);
                target.ObservedIn = scrape;
                break;
            case Aggregation.Histogram:
                target.Observe(measurement, bounds);
                break;
        }
    }

    /// <summary>Appends HELP, TYPE and every current series; nothing when no series is current.</summary>
    /// <remarks>Holds the series lock while rendering: recording only takes it to add a new series.</remarks>
    public void Render(StringBuilder text, long scrape)
    {
        lock (ordered)
        {
            if (!ordered.Exists(s => IsCurrent(s, scrape)))
                return;

            text.Append("# HELP ").Append(Name).Append(' ');
            PrometheusText.AppendHelp(text, Help);
            text.Append('\n');

            text.Append("# TYPE ").Append(Name).Append(' ').Append(TypeText).Append('\n');
            Span<long> buckets = bounds.Length < 128 ? stackalloc long[bounds.Length + 1] : new long[bounds.Length + 1];
            foreach (var entry in ordered)
            {
                if (!IsCurrent(entry, scrape))
                    continue;
                if (Aggregation == Aggregation.Histogram)
                    RenderHistogram(text, entry, buckets);
                else
                    AppendSample(text, "", entry.Tags.Labels, entry.Value);
            }
        }
    }

    private bool IsCurrent(Series entry, long scrape) => !Observable || entry.ObservedIn == scrape;

    private string TypeText => Type switch
    {
        MetricType.Counter => "counter",
        MetricType.Histogram => "histogram",
        _ => "gauge",
    };

    private Series Find(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (lookup.TryGetValue(tags, out var found))
            return found;
        lock (ordered)
        {
            if (lookup.TryGetValue(tags, out found))
                return found;
            if (ordered.Count >= maxSeries)
                return overflow ??= Add(new Series(TagSet.Overflow, bounds.Length + 1));
            var created = new Series(TagSet.Create(tags), bounds.Length + 1);
            series[created.Tags] = created;
            return Add(created);
        }
    }

    private Series Add(Series created)
    {
        ordered.Add(created);
        return created;
    }

    private void RenderHistogram(StringBuilder text, Series entry, Span<long> buckets)
    {
        var (sum, count) = entry.Snapshot(buckets);
        var labels = entry.Tags.Labels;
        var cumulative = 0L;
        for (var i = 0; i < buckets.Length; i++)
        {
            cumulative += buckets[i];
            text.Append(Name).Append("_bucket{");
            if (labels.Length > 0)
                text.Append(labels).Append(',');
            text.Append("le=\"");
            PrometheusText.AppendValue(text, i < bounds.Length ? bounds[i] : double.PositiveInfinity);
            text.Append("\"} ");
            PrometheusText.AppendValue(text, cumulative);
            text.Append('\n');
        }

        AppendSample(text, "_sum", labels, sum);
        text.Append(Name).Append("_count");
        AppendLabels(text, labels);
        PrometheusText.AppendValue(text, count);
        text.Append('\n');
    }

    private void AppendSample(StringBuilder text, string suffix, string labels, double value)
    {
        text.Append(Name).Append(suffix);
        AppendLabels(text, labels);
        PrometheusText.AppendValue(text, value);
        text.Append('\n');
    }

    private static void AppendLabels(StringBuilder text, string labels)
    {
        if (labels.Length > 0)
            text.Append('{').Append(labels).Append('}');
        text.Append(' ');
    }
}
