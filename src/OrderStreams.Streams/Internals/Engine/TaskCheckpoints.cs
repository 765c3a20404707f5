using OrderStreams.Streams.Internals.Runtime;
using OrderStreams.Streams.Processor;

namespace OrderStreams.Streams.Internals.Engine;

/// <summary>
/// The changelog offsets each task's stores are complete up to, and when they are written to its <c>.checkpoint</c>.
/// Checkpointing a RocksDB store (its WAL is off) means flushing its memtable to a new table file, far too costly for
/// every commit; as in Kafka Streams, a task checkpoints once its changelogs moved <see cref="Delta"/> records past
/// its last checkpoint, and when it closes, so a crash restores at most that much more.
/// </summary>
internal sealed class TaskCheckpoints(KafkaRecordCollector collector)
{
    private const long Delta = 10_000;

    /// <summary>Per task, per changelog partition; the restorer moves them on as it restores.</summary>
    public Dictionary<TaskId, Dictionary<(string Topic, int Partition), long>> Offsets { get; } = [];

    public Dictionary<(string Topic, int Partition), long> Read(StreamTask task) => Offsets[task.Id] = Checkpoint.Read(task.Directory);

    public void Forget(StreamTask task) => Offsets.Remove(task.Id);

    public bool Due(StreamTask task)
    {
        if (!Offsets.TryGetValue(task.Id, out var offsets)) return false;
        var delta = 0L;
        foreach (var (store, changelog) in task.ChangelogPartitions)
        {
            if (store.Persistent && collector.NextOffset(changelog.Topic, changelog.Partition.Value) is { } next)
                delta += next - offsets.GetValueOrDefault((changelog.Topic, changelog.Partition.Value));
        }
        return delta >= Delta;
    }

    public void Write(StreamTask task)
    {
        if (!Offsets.TryGetValue(task.Id, out var offsets)) return;
        foreach (var (_, changelog) in task.ChangelogPartitions)
        {
            if (collector.NextOffset(changelog.Topic, changelog.Partition.Value) is { } next)
                offsets[(changelog.Topic, changelog.Partition.Value)] = next;
        }
        var persistent = task.ChangelogPartitions.Where(c => c.Store.Persistent)
            .Select(c => (c.Changelog.Topic, c.Changelog.Partition.Value)).ToHashSet();
        if (persistent.Count == 0) return;
        Checkpoint.Write(task.Directory, offsets.Where(o => persistent.Contains(o.Key)).ToDictionary());
    }
}
