using Confluent.Kafka;
using OrderStreams.Kafka.Topics;
using OrderStreams.Operations.Clients;

namespace OrderStreams.Operations.Groups;

/// <summary>
/// Plans and applies consumer-group offset resets with kafka-consumer-groups semantics: the plan changes nothing;
/// applying refuses while the group has members. Works on Apache Kafka and on the embedded broker, which has no
/// ListGroups and no offsets-for-times (there, time targets are found by scanning record timestamps).
/// </summary>
public sealed class OffsetResetter : IDisposable
{
    private static readonly TimeSpan RequestTimeout = ClusterConnection.RequestTimeout;
    private readonly ClusterConnection cluster;

    /// <param name="kafkaSettings">librdkafka settings with at least <c>bootstrap.servers</c>.</param>
    public OffsetResetter(IEnumerable<KeyValuePair<string, string>> kafkaSettings) => cluster = new ClusterConnection(kafkaSettings);

    /// <summary>The offsets a reset of <paramref name="group"/> on <paramref name="partitions"/> would commit.</summary>
    public IReadOnlyList<OffsetReset> Plan(string group, IReadOnlyList<TopicPartition> partitions, ResetTarget target)
    {
        var committed = cluster.Committed(group, partitions);
        var watermarks = TopicWatermarks.Query(cluster.Settings, partitions, RequestTimeout);
        return partitions.Select(tp =>
        {
            var (low, high) = (watermarks[tp].Low.Value, watermarks[tp].High.Value);
            var current = committed.TryGetValue(tp, out var c) ? c : (long?)null;
            var offset = target switch
            {
                ResetTarget.Earliest => low,
                ResetTarget.Latest => high,
                ResetTarget.ToOffset to => to.Offset,
                ResetTarget.ShiftBy shift => (current ?? low) + shift.Delta,
                ResetTarget.ToDateTime time => OffsetAt(tp, time.Time, low, high),
                _ => throw new ArgumentOutOfRangeException(nameof(target)),
            };
            return new OffsetReset(tp.Topic, tp.Partition.Value, current, Math.Clamp(offset, low, high), low, high);
        }).ToList();
    }

    /// <summary>Every partition of <paramref name="topics"/>.</summary>
    /// <exception cref="InvalidDataException">A topic does not exist.</exception>
    public IReadOnlyList<TopicPartition> PartitionsOf(IEnumerable<string> topics) => cluster.PartitionsOf(topics);

    /// <summary>Fails with <see cref="ActiveGroupException"/> when <paramref name="group"/> has members.</summary>
    /// <remarks>
    /// Asks ListGroups where the broker has it; otherwise (the embedded broker) commits the group's current offsets
    /// back unchanged, which brokers refuse from a non-member while the group has members.
    /// </remarks>
    public void EnsureInactive(string group, IReadOnlyList<OffsetReset> plan)
    {
        try
        {
            var info = cluster.Admin.ListGroup(group, RequestTimeout);
            if (info is not null && info.Members.Count > 0)
                throw new ActiveGroupException(group, $"{info.Members.Count} member(s): {string.Join(", ", info.Members.Select(m => m.ClientHost + " " + m.ClientId))}");
            return;
        }
        catch (KafkaException e) when (e.Error.Code == ErrorCode.Local_UnsupportedFeature)
        {
        }

        var unchanged = plan.Where(p => p.Current is not null).Select(p => new TopicPartitionOffset(p.Topic, p.Partition, p.Current!.Value)).ToList();
        if (unchanged.Count == 0) return;
        using var outsider = cluster.Consumer(group);
        try
        {
            outsider.Commit(unchanged);
        }
        catch (KafkaException e) when (IsMembershipError(e.Error.Code))
        {
            throw new ActiveGroupException(group, $"the broker refused a commit from outside the group: {e.Error.Reason}");
        }
    }

    /// <summary>Commits the plan's targets, after checking the group is inactive.</summary>
    public void Apply(string group, IReadOnlyList<OffsetReset> plan)
    {
        EnsureInactive(group, plan);
        using var outsider = cluster.Consumer(group);
        try
        {
            outsider.Commit(plan.Select(p => new TopicPartitionOffset(p.Topic, p.Partition, p.Target)));
        }
        catch (KafkaException e) when (IsMembershipError(e.Error.Code))
        {
            throw new ActiveGroupException(group, $"a member joined during the reset: {e.Error.Reason}");
        }
    }

    public void Dispose() => cluster.Dispose();

    private static bool IsMembershipError(ErrorCode code) =>
        code is ErrorCode.UnknownMemberId or ErrorCode.IllegalGeneration or ErrorCode.RebalanceInProgress;

    // ListOffsets by time where the broker answers it truthfully; the embedded broker answers the end offset
    // whatever the time, so every answer is checked against the records around it and, if wrong, found by scanning.
    private long OffsetAt(TopicPartition partition, DateTimeOffset time, long low, long high)
    {
        using var scanner = cluster.Consumer($"orderstreams-reset-scan-{Guid.NewGuid():N}");
        var wanted = time.ToUnixTimeMilliseconds();
        long answer;
        try
        {
            var found = scanner.OffsetsForTimes([new TopicPartitionTimestamp(partition, new Timestamp(time))], RequestTimeout).Single().Offset;
            answer = found.IsSpecial ? high : Math.Clamp(found.Value, low, high);
        }
        catch (KafkaException e) when (e.Error.Code is ErrorCode.Local_UnsupportedFeature or ErrorCode.UnsupportedVersion or ErrorCode.InvalidRequest)
        {
            return ScanForTime(scanner, partition, wanted, low, high);
        }
        var beforeIsEarlier = answer == low || TimestampAt(scanner, partition, answer - 1) < wanted;
        var atIsLater = answer == high || TimestampAt(scanner, partition, answer) >= wanted;
        return beforeIsEarlier && atIsLater ? answer : ScanForTime(scanner, partition, wanted, low, high);
    }

    private static long TimestampAt(IConsumer<Ignore, Ignore> scanner, TopicPartition partition, long offset)
    {
        scanner.Assign(new TopicPartitionOffset(partition, offset));
        var record = scanner.Consume(RequestTimeout) ?? throw new TimeoutException($"No record at {partition} offset {offset}.");
        return record.Message.Timestamp.UnixTimestampMs;
    }

    // Reads the partition from its start until the first record at or after the time, as ListOffsets would answer.
    private static long ScanForTime(IConsumer<Ignore, Ignore> scanner, TopicPartition partition, long wanted, long low, long high)
    {
        if (low >= high) return high;
        scanner.Assign(new TopicPartitionOffset(partition, low));
        while (true)
        {
            var record = scanner.Consume(RequestTimeout)
                ?? throw new TimeoutException($"Scanning {partition} stopped getting records before its end offset {high}.");
            if (record.Message.Timestamp.UnixTimestampMs >= wanted) return record.Offset.Value;
            if (record.Offset.Value + 1 >= high) return high;
        }
    }
}
