using System.Diagnostics.Metrics;
using OrderStreams.Operations.Lag;

namespace OrderStreams.Platform;

/// <summary>
/// The platform's own <c>/metrics</c>, read from outside the services as kafka_exporter reads a cluster: every
/// instance's consumer lag (also while it is stopped, when its own /metrics is gone), the topics' offsets, and the
/// rebuild annotation <c>orderstreams_rebuild_in_progress{consumergroup,service,kind}</c> that alert rules use to
/// tell a deliberate rebuild from an incident. The meter comes from the dashboard host's <see cref="IMeterFactory"/>,
/// which disposes it with the host.
/// </summary>
public static class PlatformMetrics
{
    public const string MeterName = "OrderStreams.Platform";

    public static void Register(IMeterFactory meterFactory, PlatformMonitor monitor)
    {
        var meter = meterFactory.Create(MeterName);
        IEnumerable<(GroupLag Group, PartitionLag Partition)> Partitions() => monitor.Readings.SelectMany(g => g.Partitions.Select(p => (g, p)));
        meter.CreateObservableGauge("kafka.consumergroup.lag", () => Partitions().Select(x => new Measurement<long>(x.Partition.Lag, PartitionTags(x.Group, x.Partition))),
            description: "Records the group has not consumed, per partition.");
        meter.CreateObservableGauge("kafka.consumergroup.lag_seconds", () => Partitions().Select(x => new Measurement<double>(x.Partition.LagTime(x.Group.At).TotalSeconds, PartitionTags(x.Group, x.Partition))),
            description: "Age of the oldest record the group has not consumed; 0 when caught up.");
        meter.CreateObservableGauge("kafka.consumergroup.current_offset", () => Partitions().Where(x => x.Partition.CommittedOffset is not null)
                .Select(x => new Measurement<long>(x.Partition.CommittedOffset!.Value, PartitionTags(x.Group, x.Partition))),
            description: "The group's committed offset, per partition.");
        meter.CreateObservableGauge("kafka.topic.partition.current_offset", () => Offsets(monitor, p => p.EndOffset),
            description: "The partition's end offset (high watermark).");
        meter.CreateObservableGauge("kafka.topic.partition.oldest_offset", () => Offsets(monitor, p => p.LogStartOffset),
            description: "The partition's first offset still in the log.");
        meter.CreateObservableGauge("orderstreams.rebuild.in_progress", () => monitor.Rebuilds.Current.Select(r => new Measurement<int>(r.CaughtUp ? 0 : 1, RebuildTags(r))),
            description: "1 while the group rebuilds from the log on purpose (app reset, rebuild, replay): its lag is expected, not an incident.");
        meter.CreateObservableGauge("orderstreams.rebuild.progress_ratio", () => monitor.Rebuilds.Current.Select(r => new Measurement<double>(r.Fraction, RebuildTags(r))),
            description: "Share of the rebuild's records processed, 0 to 1.");
        meter.CreateObservableGauge("orderstreams.rebuild.complete_from_timestamp_seconds",
            () => monitor.Rebuilds.Current.Where(r => r.CompleteFrom is not null)
                .Select(r => new Measurement<double>(Seconds(r.CompleteFrom!.Value), RebuildTags(r))),
            description: "The rebuilt view is complete only from this time: the log had lost the records before it (--accept-partial-history).");
        meter.CreateObservableGauge("kafka.topic.oldest_record_timestamp_seconds", () => TopicHistory(monitor).Where(t => t.OldestRecord is not null)
                .Select(t => new Measurement<double>(Seconds(t.OldestRecord!.Value), new KeyValuePair<string, object?>("topic", t.Topic))),
            description: "Timestamp of the topic's oldest retained record: how far back its log still goes.");
        meter.CreateObservableGauge("kafka.topic.history_complete", () => TopicHistory(monitor)
                .Select(t => new Measurement<int>(t.Complete ? 1 : 0, new KeyValuePair<string, object?>("topic", t.Topic))),
            description: "1 while every partition of the topic still starts at offset 0; 0 once its log dropped records.");
    }

    private static IReadOnlyList<Operations.History.TopicHistory> TopicHistory(PlatformMonitor monitor) => monitor.Latest?.Topics ?? [];

    private static double Seconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / 1000.0;

    private static KeyValuePair<string, object?>[] PartitionTags(GroupLag group, PartitionLag partition) =>
        [new("consumergroup", group.Group), new("topic", partition.Topic), new("partition", partition.Partition)];

    private static KeyValuePair<string, object?>[] RebuildTags(RebuildSample rebuild) =>
        [new("consumergroup", rebuild.ApplicationId), new("service", rebuild.Service), new("kind", rebuild.Kind)];

    private static IEnumerable<Measurement<long>> Offsets(PlatformMonitor monitor, Func<PartitionLag, long> offset) =>
        monitor.Readings.SelectMany(g => g.Partitions)
            .DistinctBy(p => (p.Topic, p.Partition))
            .Select(p => new Measurement<long>(offset(p), new("topic", p.Topic), new("partition", p.Partition)));
}
