using System.Diagnostics.Metrics;
using OrderStreams.Operations.Lag;

namespace OrderStreams.Cli.Platform;

/// <summary>
/// The platform's own <c>/metrics</c>, read from outside the services as kafka_exporter reads a cluster: every
/// instance's consumer lag (also while it is stopped, when its own /metrics is gone), the topics' offsets, and the
/// rebuild annotation <c>orderstreams_rebuild_in_progress{consumergroup,service,kind}</c> that alert rules use to
/// tell a deliberate rebuild from an incident.
/// </summary>
internal sealed class PlatformMetrics : IDisposable
{
    public const string MeterName = "OrderStreams.Platform";
    private readonly Meter meter = new(MeterName);

    public PlatformMetrics(PlatformMonitor monitor)
    {
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
    }

    public void Dispose() => meter.Dispose();

    private static KeyValuePair<string, object?>[] PartitionTags(GroupLag group, PartitionLag partition) =>
        [new("consumergroup", group.Group), new("topic", partition.Topic), new("partition", partition.Partition)];

    private static KeyValuePair<string, object?>[] RebuildTags(RebuildSample rebuild) =>
        [new("consumergroup", rebuild.ApplicationId), new("service", rebuild.Service), new("kind", rebuild.Kind)];

    private static IEnumerable<Measurement<long>> Offsets(PlatformMonitor monitor, Func<PartitionLag, long> offset) =>
        monitor.Readings.SelectMany(g => g.Partitions)
            .DistinctBy(p => (p.Topic, p.Partition))
            .Select(p => new Measurement<long>(offset(p), new("topic", p.Topic), new("partition", p.Partition)));
}
