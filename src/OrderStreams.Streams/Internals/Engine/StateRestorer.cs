using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using OrderStreams.Streams.Internals.Runtime;
using OrderStreams.Streams.Internals.State;
using OrderStreams.Streams.Processor;

namespace OrderStreams.Streams.Internals.Engine;

/// <summary>
/// Restores the logged stores of new tasks from their changelogs, from the checkpointed offset (persistent stores) or
/// the beginning, up to the end offset seen at assignment, in write batches, with progress in the log and metrics.
/// One per stream thread, with its own group-less consumer.
/// </summary>
internal sealed class StateRestorer : IDisposable
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);

    private readonly IConsumer<byte[], byte[]> consumer;
    private readonly string applicationId;
    private readonly int batchSize;
    private readonly ILogger logger;
    private readonly Dictionary<(string Topic, int Partition), Changelog> active = [];
    private readonly Dictionary<TaskId, int> pendingPerTask = [];
    private readonly IStateRestoreListener? listener;

    public StateRestorer(ConsumerConfig config, string applicationId, int batchSize, ILogger logger, IStateRestoreListener? listener)
    {
        consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
        this.applicationId = applicationId;
        this.batchSize = batchSize;
        this.logger = logger;
        this.listener = listener;
    }

    public bool Restoring => active.Count > 0;

    /// <summary>
    /// Starts restoring a task's logged stores. <paramref name="checkpoint"/> holds the task's checkpointed changelog
    /// offsets and is updated to where each store starts; returns false when nothing needs restoring.
    /// </summary>
    public bool Register(StreamTask task, IDictionary<(string Topic, int Partition), long> checkpoint)
    {
        var assignments = new List<TopicPartitionOffset>();
        foreach (var (store, changelog) in task.ChangelogPartitions)
        {
            var key = (changelog.Topic, changelog.Partition.Value);
            var end = consumer.QueryWatermarkOffsets(changelog, TimeSpan.FromSeconds(30)).High.Value;
            long start;
            if (store.Persistent && checkpoint.TryGetValue(key, out var checkpointed))
            {
                start = checkpointed;
            }
            else
            {
                // Without a checkpoint the local content is of unknown age: start empty and replay the whole changelog.
                store.Bytes.Wipe();
                start = 0;
            }
            checkpoint[key] = Math.Max(start, 0);
            if (start >= end)
            {
                logger.LogInformation("Store {Store} of task {Task} is up to date at offset {Offset} of {Changelog}; nothing to restore", store.Name, task.Id, start, changelog);
                continue;
            }
            active[key] = new Changelog(task, store, changelog, end, start);
            pendingPerTask[task.Id] = pendingPerTask.GetValueOrDefault(task.Id) + 1;
            assignments.Add(new TopicPartitionOffset(changelog, start == 0 ? Offset.Beginning : new Offset(start)));
            logger.LogInformation("Restoring store {Store} of task {Task} from {Changelog} offsets {Start} to {End}", store.Name, task.Id, changelog, start, end);
            listener?.OnRestoreStart(changelog, store.Name, start, end);
        }
        if (assignments.Count > 0) consumer.IncrementalAssign(assignments);
        return assignments.Count > 0;
    }

    /// <summary>Applies one batch of changelog records; returns the tasks whose stores all finished restoring.</summary>
    public IReadOnlyList<StreamTask> RestoreBatch(TimeSpan wait, IDictionary<TaskId, Dictionary<(string Topic, int Partition), long>> checkpoints)
    {
        var batches = new Dictionary<Changelog, List<KeyValuePair<byte[], byte[]?>>>();
        var finished = new List<StreamTask>();
        var timeout = wait;
        for (var taken = 0; taken < batchSize && active.Count > 0; taken++)
        {
            var record = consumer.Consume(timeout);
            timeout = TimeSpan.Zero;
            if (record is null) break;
            if (!active.TryGetValue((record.Topic, record.Partition.Value), out var changelog)) continue;
            if (!record.IsPartitionEOF)
            {
                if (!batches.TryGetValue(changelog, out var batch)) batches[changelog] = batch = [];
                batch.Add(new(record.Message.Key, record.Message.Value));
                changelog.Position = record.Offset.Value + 1;
            }
            if (record.IsPartitionEOF || changelog.Position >= changelog.End)
            {
                // Transaction markers can sit at the end, so reaching the end of the partition also counts as done.
                changelog.Done = true;
            }
        }

        foreach (var (changelog, batch) in batches)
        {
            changelog.Store.Bytes.Write(batch);
            changelog.Restored += batch.Count;
            StreamsMetrics.RestoredRecords(applicationId, changelog.Store.Name, batch.Count);
            listener?.OnBatchRestored(changelog.Partition, changelog.Store.Name, changelog.Position, batch.Count);
        }
        foreach (var (key, changelog) in active.ToList())
        {
            var remaining = Math.Max(0, changelog.End - changelog.Position);
            var rate = changelog.Restored / Math.Max(changelog.Clock.Elapsed.TotalSeconds, 1e-3);
            StreamsMetrics.Restores[(applicationId, changelog.Store.Name, key.Partition)] = new StreamsMetrics.RestoreSnapshot(changelog.Restored, remaining, rate);
            if (!changelog.Done)
            {
                if (changelog.Clock.Elapsed - changelog.LastReport >= ProgressInterval)
                {
                    changelog.LastReport = changelog.Clock.Elapsed;
                    logger.LogInformation(
                        "Restoring store {Store} of task {Task}: {Restored} records restored, {Remaining} remaining, {Rate:F0} records/s",
                        changelog.Store.Name, changelog.Task.Id, changelog.Restored, remaining, rate);
                }
                continue;
            }
            active.Remove(key);
            consumer.IncrementalUnassign([new TopicPartition(key.Topic, key.Partition)]);
            if (checkpoints.TryGetValue(changelog.Task.Id, out var offsets)) offsets[key] = changelog.Position;
            logger.LogInformation(
                "Restored {Records} records into store {Store} of task {Task} in {Seconds:F1} s ({Rate:F0} records/s)",
                changelog.Restored, changelog.Store.Name, changelog.Task.Id, changelog.Clock.Elapsed.TotalSeconds, rate);
            StreamsMetrics.Restores.TryRemove((applicationId, changelog.Store.Name, key.Partition), out _);
            listener?.OnRestoreEnd(changelog.Partition, changelog.Store.Name, changelog.Restored);
            var left = pendingPerTask[changelog.Task.Id] - 1;
            if (left == 0)
            {
                pendingPerTask.Remove(changelog.Task.Id);
                finished.Add(changelog.Task);
            }
            else
            {
                pendingPerTask[changelog.Task.Id] = left;
            }
        }
        return finished;
    }

    /// <summary>Stops restoring a task that is being closed.</summary>
    public void Remove(StreamTask task)
    {
        var keys = active.Where(a => a.Value.Task == task).Select(a => a.Key).ToList();
        foreach (var key in keys)
        {
            StreamsMetrics.Restores.TryRemove((applicationId, active[key].Store.Name, key.Partition), out _);
            active.Remove(key);
        }
        if (keys.Count > 0) consumer.IncrementalUnassign(keys.Select(k => new TopicPartition(k.Topic, k.Partition)).ToList());
        pendingPerTask.Remove(task.Id);
    }

    public void Dispose()
    {
        consumer.Close();
        consumer.Dispose();
    }

    private sealed class Changelog(StreamTask task, IStoreInstance store, TopicPartition partition, long end, long start)
    {
        public StreamTask Task { get; } = task;

        public IStoreInstance Store { get; } = store;

        public TopicPartition Partition { get; } = partition;

        public long End { get; } = end;

        public long Position { get; set; } = start;

        public long Restored { get; set; }

        public bool Done { get; set; }

        public TimeSpan LastReport { get; set; }

        public Stopwatch Clock { get; } = Stopwatch.StartNew();
    }
}
