using Confluent.Kafka;
using OrderStreams.Kafka.Topics;
using OrderStreams.Operations.Clients;

namespace OrderStreams.Operations.Lag;

/// <summary>
/// Reads consumer-group lag with plain Kafka APIs that every broker (Apache Kafka, the embedded cluster) answers:
/// metadata, watermarks, committed-offset fetch, and one fetch per lagging partition for the age of its oldest
/// unconsumed record.
/// </summary>
public sealed class LagReader : IDisposable
{
    private readonly ClusterConnection cluster;
    private readonly IConsumer<Ignore, Ignore> probe;

    /// <param name="kafkaSettings">librdkafka settings with at least <c>bootstrap.servers</c>.</param>
    public LagReader(IEnumerable<KeyValuePair<string, string>> kafkaSettings)
    {
        cluster = new ClusterConnection(kafkaSettings);
        probe = cluster.Consumer($"orderstreams-lag-probe-{Guid.NewGuid():N}");
    }

    /// <summary>The lag of <paramref name="group"/> on every partition of <paramref name="topics"/> (topics that do not exist are left out).</summary>
    public GroupLag Read(string group, IEnumerable<string> topics)
    {
        var partitions = cluster.PartitionsOf(topics, skipMissing: true);
        var committed = cluster.Committed(group, partitions);
        var at = DateTimeOffset.UtcNow;
        var watermarks = TopicWatermarks.Query(probe, partitions, ClusterConnection.RequestTimeout);
        var lags = partitions.Select(tp => new PartitionLag(
            tp.Topic, tp.Partition.Value, committed.TryGetValue(tp, out var offset) ? offset : null, watermarks[tp].Low.Value, watermarks[tp].High.Value, null)).ToList();
        return new GroupLag(group, at, WithOldestTimestamps(lags));
    }

    /// <summary>Every topic of the cluster, sorted.</summary>
    public IReadOnlyList<string> Topics() =>
        cluster.Admin.GetMetadata(ClusterConnection.RequestTimeout).Topics.Select(t => t.Topic).Order(StringComparer.Ordinal).ToList();

    /// <summary>The topics <paramref name="group"/> has committed offsets on (what it consumes, without DescribeGroups).</summary>
    public IReadOnlyList<string> TopicsOf(string group) =>
        cluster.Committed(group, cluster.PartitionsOf(null)).Keys.Select(tp => tp.Topic).Distinct().Order(StringComparer.Ordinal).ToList();

    public void Dispose()
    {
        probe.Dispose();
        cluster.Dispose();
    }

    private List<PartitionLag> WithOldestTimestamps(List<PartitionLag> lags)
    {
        var behind = lags.Where(l => l.Lag > 0).ToDictionary(
            l => new TopicPartition(l.Topic, l.Partition),
            l => Math.Max(l.CommittedOffset ?? l.LogStartOffset, l.LogStartOffset));
        if (behind.Count == 0) return lags;

        probe.Assign(behind.Select(b => new TopicPartitionOffset(b.Key, b.Value)));
        var timestamps = new Dictionary<TopicPartition, DateTimeOffset>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(2);
        while (timestamps.Count < behind.Count && DateTime.UtcNow < deadline)
        {
            if (probe.Consume(100) is not { IsPartitionEOF: false } record || timestamps.ContainsKey(record.TopicPartition)) continue;
            timestamps[record.TopicPartition] = record.Message.Timestamp.UtcDateTime;
            probe.Pause([record.TopicPartition]);
        }
        probe.Unassign();
        return lags.Select(l => timestamps.TryGetValue(new TopicPartition(l.Topic, l.Partition), out var oldest)
            ? l with { OldestUnconsumedTimestamp = oldest }
            : l).ToList();
    }
}
