using Confluent.Kafka;
using OrderStreams.Native;

namespace OrderStreams.Operations.Lag;

/// <summary>
/// Reads consumer-group lag with plain Kafka APIs that every broker (Apache Kafka, the embedded cluster) answers:
/// metadata, watermarks, committed-offset fetch, and one fetch per lagging partition for the age of its oldest
/// unconsumed record.
/// </summary>
public sealed class LagReader : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    private readonly Dictionary<string, string> settings;
    private readonly IAdminClient admin;
    private readonly IConsumer<Ignore, Ignore> probe;

    /// <param name="kafkaSettings">librdkafka settings with at least <c>bootstrap.servers</c>.</param>
    public LagReader(IEnumerable<KeyValuePair<string, string>> kafkaSettings)
    {
        NativeLibraries.EnsureKafka();
        settings = kafkaSettings.ToDictionary();
        admin = new AdminClientBuilder(settings).Build();
        probe = new ConsumerBuilder<Ignore, Ignore>(ConsumerSettings($"orderstreams-lag-probe-{Guid.NewGuid():N}")).Build();
    }

    /// <summary>The lag of <paramref name="group"/> on every partition of <paramref name="topics"/>.</summary>
    public GroupLag Read(string group, IEnumerable<string> topics)
    {
        var wanted = topics.ToHashSet(StringComparer.Ordinal);
        var partitions = admin.GetMetadata(RequestTimeout).Topics
            .Where(t => wanted.Contains(t.Topic))
            .SelectMany(t => t.Partitions.Select(p => new TopicPartition(t.Topic, p.PartitionId)))
            .OrderBy(tp => tp.Topic, StringComparer.Ordinal).ThenBy(tp => tp.Partition.Value)
            .ToList();

        using var member = new ConsumerBuilder<Ignore, Ignore>(ConsumerSettings(group)).Build();
        var committed = member.Committed(partitions, RequestTimeout).ToDictionary(c => c.TopicPartition, c => c.Offset);
        var at = DateTimeOffset.UtcNow;
        var lags = partitions.Select(tp =>
        {
            var watermarks = probe.QueryWatermarkOffsets(tp, RequestTimeout);
            var offset = committed.GetValueOrDefault(tp, Offset.Unset);
            return new PartitionLag(tp.Topic, tp.Partition.Value, offset.IsSpecial ? null : offset.Value, watermarks.Low.Value, watermarks.High.Value, null);
        }).ToList();
        return new GroupLag(group, at, WithOldestTimestamps(lags));
    }

    /// <summary>Every topic of the cluster, sorted.</summary>
    public IReadOnlyList<string> Topics() =>
        admin.GetMetadata(RequestTimeout).Topics.Select(t => t.Topic).Order(StringComparer.Ordinal).ToList();

    /// <summary>The topics <paramref name="group"/> has committed offsets on (what it consumes, without DescribeGroups).</summary>
    public IReadOnlyList<string> TopicsOf(string group)
    {
        var partitions = admin.GetMetadata(RequestTimeout).Topics
            .Where(t => !t.Topic.StartsWith("__", StringComparison.Ordinal))
            .SelectMany(t => t.Partitions.Select(p => new TopicPartition(t.Topic, p.PartitionId)))
            .ToList();
        using var member = new ConsumerBuilder<Ignore, Ignore>(ConsumerSettings(group)).Build();
        return member.Committed(partitions, RequestTimeout)
            .Where(c => !c.Offset.IsSpecial)
            .Select(c => c.Topic)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public void Dispose()
    {
        probe.Dispose();
        admin.Dispose();
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

    private ConsumerConfig ConsumerSettings(string group) => new(settings.ToDictionary())
    {
        GroupId = group,
        EnableAutoCommit = false,
        EnablePartitionEof = false,
        AutoOffsetReset = AutoOffsetReset.Earliest,
    };
}
