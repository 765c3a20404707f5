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
    // Alone in a group, a join completes within seconds; one that waits longer waits for other members to rejoin.
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(15);
    private readonly ClusterConnection cluster;

    /// <param name="kafkaSettings">librdkafka settings with at least <c>bootstrap.servers</c>.</param>
    public OffsetResetter(IEnumerable<KeyValuePair<string, string>> kafkaSettings) => cluster = new ClusterConnection(kafkaSettings);

    /// <summary>The offsets a reset of <paramref name="group"/> on <paramref name="partitions"/> would commit.</summary>
    public IReadOnlyList<OffsetReset> Plan(string group, IReadOnlyList<TopicPartition> partitions, ResetTarget target)
    {
        var committed = cluster.Committed(group, partitions);
        var watermarks = TopicWatermarks.Query(cluster.Clients, partitions, RequestTimeout);
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

    /// <summary>Fails with <see cref="ActiveGroupException"/> when <paramref name="group"/> has members; changes nothing.</summary>
    /// <remarks>
    /// Asks ListGroups where the broker has it; otherwise (the embedded broker) commits the group's current offsets
    /// back unchanged, which brokers refuse from a non-member while the group has members. The embedded broker also
    /// refuses it for a group that only had members once; telling the two apart takes joining the group, which
    /// <see cref="Apply"/> does and a dry run does not.
    /// </remarks>
    public void EnsureInactive(string group, IReadOnlyList<OffsetReset> plan)
    {
        if (ListedMembers(group) is { } members)
        {
            if (members.Count > 0) throw new ActiveGroupException(group, $"{members.Count} member(s): {string.Join(", ", members)}");
            return;
        }
        var unchanged = plan.Where(p => p.Current is not null).Select(p => new TopicPartitionOffset(p.Topic, p.Partition, p.Current!.Value)).ToList();
        if (unchanged.Count == 0) return;
        if (!TryCommitFromOutside(group, unchanged))
            throw new ActiveGroupException(group, "the embedded broker refused a commit from outside the group, so it has members or had some; --execute tells by joining it");
    }

    /// <summary>Whether the group has no members now; on the embedded broker this joins it briefly to find out.</summary>
    public bool IsEmpty(string group, IReadOnlyList<OffsetReset> plan)
    {
        try
        {
            if (ListedMembers(group) is { } members) return members.Count == 0;
            var unchanged = plan.Where(p => p.Current is not null).Select(p => new TopicPartitionOffset(p.Topic, p.Partition, p.Current!.Value)).ToList();
            if (unchanged.Count == 0 || TryCommitFromOutside(group, unchanged)) return true;
            CommitAsOnlyMember(group, plan, []);
            return true;
        }
        catch (ActiveGroupException)
        {
            return false;
        }
    }

    /// <summary>Commits the plan's targets, refusing while the group has members.</summary>
    /// <remarks>
    /// On the embedded broker, a group that ever had members takes commits only from a member: the resetter then
    /// joins it, and commits only if it was given every partition of the plan, that is, if no one else is in it.
    /// </remarks>
    public void Apply(string group, IReadOnlyList<OffsetReset> plan)
    {
        var targets = plan.Select(p => new TopicPartitionOffset(p.Topic, p.Partition, p.Target)).ToList();
        if (ListedMembers(group) is { } members)
        {
            if (members.Count > 0) throw new ActiveGroupException(group, $"{members.Count} member(s): {string.Join(", ", members)}");
            if (!TryCommitFromOutside(group, targets)) throw new ActiveGroupException(group, "a member joined during the reset");
            return;
        }
        if (!TryCommitFromOutside(group, targets)) CommitAsOnlyMember(group, plan, targets);
    }

    public void Dispose() => cluster.Dispose();

    private static bool IsMembershipError(ErrorCode code) =>
        code is ErrorCode.UnknownMemberId or ErrorCode.IllegalGeneration or ErrorCode.RebalanceInProgress;

    /// <summary>The group's members from ListGroups, or null where the broker has no ListGroups (the embedded one).</summary>
    private IReadOnlyList<string>? ListedMembers(string group)
    {
        try
        {
            return cluster.Admin.ListGroup(group, RequestTimeout)?.Members.Select(m => m.ClientHost + " " + m.ClientId).ToList() ?? [];
        }
        catch (KafkaException e) when (e.Error.Code == ErrorCode.Local_UnsupportedFeature)
        {
            return null;
        }
    }

    private bool TryCommitFromOutside(string group, IReadOnlyList<TopicPartitionOffset> offsets)
    {
        using var outsider = cluster.Consumer(group);
        try
        {
            outsider.Commit(offsets);
            return true;
        }
        catch (KafkaException e) when (IsMembershipError(e.Error.Code))
        {
            return false;
        }
    }

    private void CommitAsOnlyMember(string group, IReadOnlyList<OffsetReset> plan, IReadOnlyList<TopicPartitionOffset> targets)
    {
        var topics = plan.Select(p => p.Topic).Distinct(StringComparer.Ordinal).ToList();
        var expected = PartitionsOf(topics).Count;
        var assigned = new List<TopicPartition>();
        using var member = cluster.Clients.CreateConsumer<Ignore, Ignore>(
            group,
            config =>
            {
                config.EnableAutoCommit = false;
                config.AutoOffsetReset = AutoOffsetReset.Earliest;
                config.PartitionAssignmentStrategy = PartitionAssignmentStrategy.Range;
                // Brokers that keep a member past its leaving (the embedded one) make the next join wait for it: keep that short.
                config.SessionTimeoutMs = 6000;
                config.MaxPollIntervalMs = 10000;
            },
            builder => builder.SetPartitionsAssignedHandler((_, partitions) => assigned = partitions));
        member.Subscribe(topics);
        var deadline = DateTime.UtcNow + JoinTimeout;
        while (assigned.Count == 0 && DateTime.UtcNow < deadline) member.Consume(TimeSpan.FromMilliseconds(200));
        try
        {
            if (assigned.Count == 0)
                throw new ActiveGroupException(group, $"joining it waited more than {JoinTimeout.TotalSeconds:F0} s for other members to rejoin");
            if (assigned.Count < expected)
                throw new ActiveGroupException(group, $"joining it gave this tool {assigned.Count} of its {expected} partitions; other members hold the rest");
            if (targets.Count > 0) member.Commit(targets);
        }
        finally
        {
            member.Close();
        }
    }

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
