using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using OrderStreams.Streams.Processor;

namespace OrderStreams.Streams.Internals;

/// <summary>
/// The <c>OrderStreams.Streams</c> meter. Counters and histograms are recorded inline; gauges read snapshots that the
/// stream threads publish into <see cref="Gauges"/>, so a metrics scrape never touches a consumer or a store from
/// another thread.
/// </summary>
internal static class StreamsMetrics
{
    public const string MeterName = "OrderStreams.Streams";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Processed = Meter.CreateCounter<long>("streams.records.processed", description: "Input records processed.");

    private static readonly Histogram<double> ProcessLatency =
        Meter.CreateHistogram<double>("streams.process.latency_seconds", description: "Time to process one input record through its sub-topology.");

    private static readonly Histogram<double> CommitLatency =
        Meter.CreateHistogram<double>("streams.commit.latency_seconds", description: "Time of one commit: flush stores, flush the producer, commit offsets.");

    private static readonly Counter<long> Punctuations = Meter.CreateCounter<long>("streams.punctuations", description: "Punctuator calls.");

    private static readonly Counter<long> Restored = Meter.CreateCounter<long>("streams.restore.records", description: "Changelog records restored.");

    private static readonly Counter<long> MisplacedRecords = Meter.CreateCounter<long>(
        "streams.records.misplaced", description: "Records read from a partition that does not own their key (outcome: forwarded, dead-lettered, other-application-copy).");

    static StreamsMetrics()
    {
        Meter.CreateObservableGauge("kafka.consumergroup.lag", () => Observe(g => g.Lag), description: "Records behind the high watermark, per input partition.");
        Meter.CreateObservableGauge("kafka.consumergroup.lag_seconds", () => ObserveDouble(g => g.LagSeconds), description: "Age of the oldest unprocessed record; 0 when caught up.");
        Meter.CreateObservableGauge("kafka.consumergroup.current_offset", () => Observe(g => g.CurrentOffset), description: "The next offset to process, per input partition.");
        Meter.CreateObservableGauge("streams.restore.remaining", () => ObserveRestore(r => r.Remaining), description: "Changelog records left to restore.");
        Meter.CreateObservableGauge("streams.restore.restored", () => ObserveRestore(r => r.Restored), description: "Changelog records restored in the current restoration.");
        Meter.CreateObservableGauge("streams.store.entries", ObserveStores, description: "Approximate entries per store and partition.");
        Meter.CreateObservableGauge("streams.process_until.reached", () => ObserveBounds(b => b.Reached ? 1 : 0),
            description: "1 once every source partition of the instance is done with StreamsConfig.ProcessUntil (the until label), else 0.");
        Meter.CreateObservableGauge("streams.process_until.remaining_partitions", () => ObserveBounds(b => b.Remaining),
            description: "Source partitions not yet done with StreamsConfig.ProcessUntil; -1 while tasks are assigned or restored.");
    }

    /// <summary>Per-partition lag snapshots, keyed by application, topic, partition.</summary>
    public static ConcurrentDictionary<(string Group, string Topic, int Partition), LagSnapshot> Gauges { get; } = new();

    public static ConcurrentDictionary<(string Application, string Store, int Partition), RestoreSnapshot> Restores { get; } = new();

    /// <summary>Approximate entries per store, published by the owning thread (a store may close under a concurrent reader).</summary>
    public static ConcurrentDictionary<(string Application, string Store, int Partition), long> StoreSizes { get; } = new();

    /// <summary>Applications run with <see cref="StreamsConfig.ProcessUntil"/>, keyed by application id.</summary>
    public static ConcurrentDictionary<string, Func<BoundSnapshot>> Bounds { get; } = new();

    public static void RecordProcessed(string application, string topic, object partition, TimeSpan latency)
    {
        if (Processed.Enabled)
            Processed.Add(1, new KeyValuePair<string, object?>("application", application), new("topic", topic), new("partition", partition));
        if (ProcessLatency.Enabled) ProcessLatency.Record(latency.TotalSeconds, new KeyValuePair<string, object?>("application", application));
    }

    public static void Committed(string application, TimeSpan latency) =>
        CommitLatency.Record(latency.TotalSeconds, new KeyValuePair<string, object?>("application", application));

    public static void Punctuated(string application, PunctuationType type) =>
        Punctuations.Add(1, new KeyValuePair<string, object?>("application", application), new KeyValuePair<string, object?>("type", type.ToString()));

    public static void Misplaced(string application, string topic, string outcome) =>
        MisplacedRecords.Add(1, new KeyValuePair<string, object?>("application", application), new("topic", topic), new("outcome", outcome));

    public static void RestoredRecords(string application, string store, long count) =>
        Restored.Add(count, new KeyValuePair<string, object?>("application", application), new KeyValuePair<string, object?>("store", store));

    private static IEnumerable<Measurement<long>> Observe(Func<LagSnapshot, long> value) =>
        Gauges.Select(g => new Measurement<long>(value(g.Value), LagTags(g.Key)));

    private static IEnumerable<Measurement<double>> ObserveDouble(Func<LagSnapshot, double> value) =>
        Gauges.Select(g => new Measurement<double>(value(g.Value), LagTags(g.Key)));

    private static KeyValuePair<string, object?>[] LagTags((string Group, string Topic, int Partition) key) =>
        [new("consumergroup", key.Group), new("topic", key.Topic), new("partition", key.Partition)];

    private static IEnumerable<Measurement<long>> ObserveRestore(Func<RestoreSnapshot, long> value) =>
        Restores.Select(r => new Measurement<long>(value(r.Value), StoreTags(r.Key)));

    private static IEnumerable<Measurement<long>> ObserveStores() =>
        StoreSizes.Select(s => new Measurement<long>(s.Value, StoreTags(s.Key)));

    private static KeyValuePair<string, object?>[] StoreTags((string Application, string Store, int Partition) key) =>
        [new("application", key.Application), new("store", key.Store), new("partition", key.Partition)];

    private static IEnumerable<Measurement<long>> ObserveBounds(Func<BoundSnapshot, long> value) =>
        Bounds.Select(b => (b.Key, Snapshot: b.Value())).Select(b => new Measurement<long>(value(b.Snapshot),
            new KeyValuePair<string, object?>("application", b.Key), new("until", b.Snapshot.Until.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture))));

    internal sealed record BoundSnapshot(DateTimeOffset Until, long Remaining, bool Reached);

    internal sealed record LagSnapshot(long Lag, double LagSeconds, long CurrentOffset);

    internal sealed record RestoreSnapshot(long Restored, long Remaining, double RecordsPerSecond);
}
