using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace OrderStreams.Streams.Internals.Engine;

/// <summary>
/// Partitions pinned to instances of their own (hot branches). A pinned instance
/// (<see cref="StreamsConfig.AssignedPartitions"/>) assigns its partitions itself; the group's members
/// (<see cref="StreamsConfig.ExcludedPartitions"/>) make no task of them, and mirror the pinned group's offsets of them
/// into the application's group, so its lag (kafka-consumer-groups, Burrow) is the pinned instance's, not a frozen offset.
/// </summary>
internal sealed class PinnedPartitionsPolicy(EngineContext engine, int index, string thread, ILogger logger, TaskManager tasks, IConsumer<byte[], byte[]> consumer)
    : IThreadPolicy
{
    private readonly Dictionary<(string Topic, int Partition), bool> mirrored = [];
    private IConsumer<byte[], byte[]>? otherGroup;

    private StreamsConfig Config => engine.Config;

    /// <summary>Pinned and excluded partitions must exist in every sub-topology, or a task would be left without an owner.</summary>
    public static void Validate(StreamsConfig config, IEnumerable<string> sourceTopics, IReadOnlyDictionary<string, int> partitionCounts)
    {
        var (name, pinned) = config.AssignedPartitions is { } assigned
            ? (nameof(StreamsConfig.AssignedPartitions), assigned)
            : (nameof(StreamsConfig.ExcludedPartitions), config.ExcludedPartitions);
        if (pinned is null) return;
        foreach (var topic in sourceTopics)
        {
            var beyond = pinned.Where(p => p >= partitionCounts[topic]).ToList();
            if (beyond.Count > 0)
                throw new StreamsException(
                    $"{name} {string.Join(",", beyond)} of '{config.ApplicationId}' are beyond the {partitionCounts[topic]} partitions of source topic '{topic}'.")
                { Topic = topic };
        }
    }

    /// <summary>
    /// A pinned instance takes its share of the pinned partitions (threads split them) of every source topic itself,
    /// and starts each where the application's group or the pinned group got furthest: the group has the offsets from
    /// before the partition was pinned, the pinned group those since. <paramref name="assigned"/> makes their tasks.
    /// </summary>
    public void AssignPinnedPartitions(Action<List<TopicPartition>> assigned)
    {
        var mine = Config.AssignedPartitions!.Where((_, i) => i % Config.NumStreamThreads == index).ToHashSet();
        var partitions = engine.SourceTopics.SelectMany(t => mine.Select(p => new TopicPartition(t, p))).ToList();
        if (partitions.Count == 0) return;
        assigned(partitions);
        var own = consumer.Committed(partitions, TimeSpan.FromSeconds(30));
        var group = OtherGroup().Committed(partitions, TimeSpan.FromSeconds(30));
        var start = partitions.Select(tp =>
        {
            var offsets = own.Concat(group).Where(o => o.TopicPartition == tp && o.Offset.Value >= 0).Select(o => o.Offset.Value).ToList();
            return new TopicPartitionOffset(tp, offsets.Count == 0 ? Offset.Unset : new Offset(offsets.Max()));
        }).ToList();
        logger.LogInformation("Thread {Thread} pinned to {Partitions}", thread, string.Join(", ", start));
        consumer.Assign(start);
    }

    public IReadOnlyList<TopicPartition> Assigned(IReadOnlyList<TopicPartition> partitions)
    {
        var excluded = Config.ExcludedPartitions ?? [];
        foreach (var p in partitions.Where(p => excluded.Contains(p.Partition.Value))) mirrored.TryAdd((p.Topic, p.Partition.Value), false);
        return partitions.Where(p => !excluded.Contains(p.Partition.Value)).ToList();
    }

    /// <summary>A record of a partition pinned to another instance is not ours to process: its partition is paused.</summary>
    public bool Polled(ConsumeResult<byte[], byte[]> record)
    {
        var key = (record.Topic, record.Partition.Value);
        if (!mirrored.TryGetValue(key, out var paused)) return false;
        if (!paused)
        {
            mirrored[key] = true;
            consumer.Pause([record.TopicPartition]);
        }
        return true;
    }

    public void Revoking(IReadOnlyList<TopicPartition> partitions, bool clean)
    {
        if (clean) MirrorOffsets();
        foreach (var p in partitions) mirrored.Remove((p.Topic, p.Partition.Value));
    }

    public void Committed() => MirrorOffsets();

    public void Dispose() => otherGroup?.Dispose();

    private void MirrorOffsets()
    {
        if (mirrored.Count == 0) return;
        var partitions = mirrored.Keys.Select(p => new TopicPartition(p.Topic, p.Partition)).ToList();
        try
        {
            var offsets = OtherGroup().Committed(partitions, TimeSpan.FromSeconds(10)).Where(o => o.Offset.Value >= 0).ToList();
            if (offsets.Count > 0) tasks.CommitOffsets(offsets);
        }
        catch (KafkaException e) when (TransientKafkaErrors.IsTransient(e.Error.Code))
        {
            logger.LogWarning("Thread {Thread} could not read the pinned group's offsets ({Reason}); mirroring them at the next commit", thread, e.Error.Reason);
        }
    }

    /// <summary>A consumer that only reads the committed offsets of the other group: the application's for a pinned instance, the pinned one otherwise.</summary>
    private IConsumer<byte[], byte[]> OtherGroup() => otherGroup ??= engine.Clients.CreateConsumer<byte[], byte[]>(
        Config.AssignedPartitions is null ? Config.PinnedGroupId : Config.ApplicationId,
        config =>
        {
            config.ClientId = $"{Config.ApplicationId}-{engine.ProcessId}-StreamThread-{index}-offsets";
            config.EnableAutoCommit = false;
        });
}
