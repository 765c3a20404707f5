using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using OrderStreams.Streams.Processor;

namespace OrderStreams.Streams.Internals;

/// <summary>
/// One <see cref="KafkaStreams"/> instance's instruments on the <c>OrderStreams.Streams</c> meter, made by the host's
/// <see cref="IMeterFactory"/> when the config has one. Counters and histograms are recorded inline; gauges read
/// snapshots that the instance's threads publish, so a scrape never touches a consumer or a store from another thread.
/// </summary>
internal sealed class StreamsMetrics : IDisposable
{
    public const string MeterName = "OrderStreams.Streams";

    /// <summary>Bucket bounds of the duration histograms, in seconds: 1 ms to 10 s.</summary>
    private static readonly double[] SecondsBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Meter meter;
    private readonly bool ownsMeter;
    private readonly string application;
    private readonly Counter<long> processed;
    private readonly Histogram<double> processLatency;
    private readonly Histogram<double> commitLatency;
    private readonly Counter<long> punctuations;
    private readonly Counter<long> restored;
    private readonly Counter<long> misplacedRecords;

    public StreamsMetrics(IMeterFactory? meterFactory, string application)
    {
        this.application = application;
        ownsMeter = meterFactory is null;
        meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        var seconds = new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets };
        processed = meter.CreateCounter<long>("streams.records.processed", description: "Input records processed.");
        processLatency = meter.CreateHistogram("streams.process.latency_seconds", unit: null,
            description: "Time to process one input record through its sub-topology.", tags: null, advice: seconds);
        commitLatency = meter.CreateHistogram("streams.commit.latency_seconds", unit: null,
            description: "Time of one commit: flush stores, flush the producer, commit offsets.", tags: null, advice: seconds);
        punctuations = meter.CreateCounter<long>("streams.punctuations", description: "Punctuator calls.");
        restored = meter.CreateCounter<long>("streams.restore.records", description: "Changelog records restored.");
        misplacedRecords = meter.CreateCounter<long>("streams.records.misplaced",
            description: "Records read from a partition that does not own their key (outcome: forwarded, dead-lettered, other-application-copy).");
        meter.CreateObservableGauge("kafka.consumergroup.lag", () => Observe(g => g.Lag), description: "Records behind the high watermark, per input partition.");
        meter.CreateObservableGauge("kafka.consumergroup.lag_seconds", () => ObserveDouble(g => g.LagSeconds), description: "Age of the oldest unprocessed record; 0 when caught up.");
        meter.CreateObservableGauge("kafka.consumergroup.current_offset", () => Observe(g => g.CurrentOffset), description: "The next offset to process, per input partition.");
        meter.CreateObservableGauge("streams.restore.remaining", () => ObserveRestore(r => r.Remaining), description: "Changelog records left to restore.");
        meter.CreateObservableGauge("streams.restore.restored", () => ObserveRestore(r => r.Restored), description: "Changelog records restored in the current restoration.");
        meter.CreateObservableGauge("streams.store.entries", ObserveStores, description: "Approximate entries per store and partition.");
        meter.CreateObservableGauge("streams.process_until.reached", () => ObserveBound(b => b.Reached ? 1 : 0),
            description: "1 once every source partition of the instance is done with StreamsConfig.ProcessUntil (the until label), else 0.");
        meter.CreateObservableGauge("streams.process_until.remaining_partitions", () => ObserveBound(b => b.Remaining),
            description: "Source partitions not yet done with StreamsConfig.ProcessUntil; -1 while tasks are assigned or restored.");
        meter.CreateObservableGauge("streams.store.incomplete_records", () => IncompleteStores.Select(s => new Measurement<long>(s.Value, StoreTags(s.Key))),
            description: "Changelog records a store lacks: restored from a changelog that had lost its start, with no checkpoint covering the gap.");
        meter.CreateObservableGauge("streams.view.complete_from_timestamp_seconds",
            () => CompleteFrom is { } from
                ? [new Measurement<double>(from.ToUnixTimeMilliseconds() / 1000.0, new KeyValuePair<string, object?>("application", application))]
                : Array.Empty<Measurement<double>>(),
            description: "The application's view is complete only from this time (StreamsConfig.CompleteFrom): it was rebuilt from a log that had lost earlier records.");
    }

    /// <summary>Per-partition lag snapshots, keyed by consumer group (the application id), topic, partition.</summary>
    public ConcurrentDictionary<(string Group, string Topic, int Partition), LagSnapshot> Gauges { get; } = new();

    public ConcurrentDictionary<(string Store, int Partition), RestoreSnapshot> Restores { get; } = new();

    /// <summary>Approximate entries per store, published by the owning thread (a store may close under a concurrent reader).</summary>
    public ConcurrentDictionary<(string Store, int Partition), long> StoreSizes { get; } = new();

    /// <summary>Store partitions restored from a changelog that had lost its start: the changelog records missing.</summary>
    public ConcurrentDictionary<(string Store, int Partition), long> IncompleteStores { get; } = new();

    /// <summary>Set while the instance runs with <see cref="StreamsConfig.CompleteFrom"/>.</summary>
    public DateTimeOffset? CompleteFrom { get; set; }

    /// <summary>Set while the instance runs with <see cref="StreamsConfig.ProcessUntil"/>.</summary>
    public Func<BoundSnapshot>? Bound { get; set; }

    public void RecordProcessed(string topic, object partition, TimeSpan latency)
    {
        if (processed.Enabled)
            processed.Add(1, new KeyValuePair<string, object?>("application", application), new("topic", topic), new("partition", partition));
        if (processLatency.Enabled) processLatency.Record(latency.TotalSeconds, new KeyValuePair<string, object?>("application", application));
    }

    public void Committed(TimeSpan latency) =>
        commitLatency.Record(latency.TotalSeconds, new KeyValuePair<string, object?>("application", application));

    public void Punctuated(PunctuationType type) =>
        punctuations.Add(1, new KeyValuePair<string, object?>("application", application), new KeyValuePair<string, object?>("type", type.ToString()));

    public void Misplaced(string topic, string outcome) =>
        misplacedRecords.Add(1, new KeyValuePair<string, object?>("application", application), new("topic", topic), new("outcome", outcome));

    public void RestoredRecords(string store, long count) =>
        restored.Add(count, new KeyValuePair<string, object?>("application", application), new KeyValuePair<string, object?>("store", store));

    /// <summary>Stops reporting: a meter from the host's factory lives on with the host, but this instance's gauges go quiet.</summary>
    public void Dispose()
    {
        Gauges.Clear();
        Restores.Clear();
        StoreSizes.Clear();
        IncompleteStores.Clear();
        CompleteFrom = null;
        Bound = null;
        if (ownsMeter) meter.Dispose();
    }

    private IEnumerable<Measurement<long>> Observe(Func<LagSnapshot, long> value) =>
        Gauges.Select(g => new Measurement<long>(value(g.Value), LagTags(g.Key)));

    private IEnumerable<Measurement<double>> ObserveDouble(Func<LagSnapshot, double> value) =>
        Gauges.Select(g => new Measurement<double>(value(g.Value), LagTags(g.Key)));

    private static KeyValuePair<string, object?>[] LagTags((string Group, string Topic, int Partition) key) =>
        [new("consumergroup", key.Group), new("topic", key.Topic), new("partition", key.Partition)];

    private IEnumerable<Measurement<long>> ObserveRestore(Func<RestoreSnapshot, long> value) =>
        Restores.Select(r => new Measurement<long>(value(r.Value), StoreTags(r.Key)));

    private IEnumerable<Measurement<long>> ObserveStores() =>
        StoreSizes.Select(s => new Measurement<long>(s.Value, StoreTags(s.Key)));

    private KeyValuePair<string, object?>[] StoreTags((string Store, int Partition) key) =>
        [new("application", application), new("store", key.Store), new("partition", key.Partition)];

    private IEnumerable<Measurement<long>> ObserveBound(Func<BoundSnapshot, long> value)
    {
        if (Bound?.Invoke() is not { } snapshot) yield break;
        yield return new Measurement<long>(value(snapshot), new KeyValuePair<string, object?>("application", application),
            new("until", snapshot.Until.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture)));
    }

    internal sealed record BoundSnapshot(DateTimeOffset Until, long Remaining, bool Reached);

    internal sealed record LagSnapshot(long Lag, double LagSeconds, long CurrentOffset);

    internal sealed record RestoreSnapshot(long Restored, long Remaining, double RecordsPerSecond);
}
