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
/// One per stream thread, with its own assign-only consumer.
/// </summary>
internal sealed class StateRestorer : IDisposable, IChangelogSink
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);

    private readonly ChangelogReader consumer;
    private readonly StreamsMetrics metrics;
    private readonly int batchSize;
    private readonly ILogger logger;
    private readonly Dictionary<(string Topic, int Partition), RestoringChangelog> active = [];
    private readonly Dictionary<TaskId, int> pendingPerTask = [];
    private readonly IStateRestoreListener? listener;
    private List<ChangelogBatch> writing = [];
    private Task pendingWrite = Task.CompletedTask;
    private Dictionary<RestoringChangelog, ChangelogBatch> consumed = [];

    /// <param name="settings">librdkafka settings of the restore consumer.</param>
    public StateRestorer(IEnumerable<KeyValuePair<string, string>> settings, StreamsMetrics metrics, int batchSize, ILogger logger, IStateRestoreListener? listener)
    {
        consumer = new ChangelogReader(settings);
        this.metrics = metrics;
        this.batchSize = batchSize;
        this.logger = logger;
        this.listener = listener;
    }

    public bool Restoring => active.Count > 0;

    /// <summary>The store partitions being restored and how far each is, for queries on other threads (replaced, never mutated).</summary>
    public IReadOnlyList<RestoreProgress> Progress { get; private set; } = [];

    /// <summary>
    /// Starts restoring a task's logged stores. <paramref name="checkpoint"/> holds the task's checkpointed changelog
    /// offsets and is updated to where each store starts; returns false when nothing needs restoring.
    /// </summary>
    public bool Register(StreamTask task, IDictionary<(string Topic, int Partition), long> checkpoint)
    {
        var assignments = new List<TopicPartitionOffset>();
        var incomplete = IncompleteMarks.Read(task.Directory);
        foreach (var (store, changelog) in task.ChangelogPartitions)
        {
            var key = (changelog.Topic, changelog.Partition.Value);
            var watermarks = TransientKafkaErrors.Retry(() => consumer.QueryWatermarkOffsets(changelog, TimeSpan.FromSeconds(30)), e =>
                logger.LogWarning("Cannot read the offsets of {Changelog} yet ({Reason}); trying again", changelog, e.Error.Reason));
            var (low, end) = (watermarks.Low.Value, watermarks.High.Value);
            long start;
            long missing;
            if (store.Persistent && !store.Bytes.WipedOnOpen && checkpoint.TryGetValue(key, out var checkpointed))
            {
                start = Math.Max(checkpointed, low);
                missing = incomplete.GetValueOrDefault(store.Name) + Math.Max(0, low - checkpointed);
            }
            else
            {
                // Without a checkpoint the local content is of unknown age: start empty and replay the whole changelog.
                store.Bytes.Wipe();
                start = low;
                missing = low;
            }
            MarkCompleteness(task, store, changelog, missing, incomplete);
            checkpoint[key] = Math.Max(start, 0);
            if (start >= end)
            {
                logger.LogInformation("Store {Store} of task {Task} is up to date at offset {Offset} of {Changelog}; nothing to restore", store.Name, task.Id, start, changelog);
                continue;
            }
            store.Bytes.BeginBulkLoad();
            active[key] = new RestoringChangelog(task, store, changelog, end, start);
            pendingPerTask[task.Id] = pendingPerTask.GetValueOrDefault(task.Id) + 1;
            // A concrete offset, not Offset.Beginning: a fresh consumer without metadata yet retries resolving a
            // logical offset only after 500 ms, which was half of a typical restore.
            assignments.Add(new TopicPartitionOffset(changelog, new Offset(start)));
            logger.LogInformation("Restoring store {Store} of task {Task} from {Changelog} offsets {Start} to {End}", store.Name, task.Id, changelog, start, end);
            listener?.OnRestoreStart(changelog, store.Name, start, end);
        }
        IncompleteMarks.Write(task.Directory, incomplete);
        if (assignments.Count > 0) consumer.Assign(assignments);
        PublishProgress();
        return assignments.Count > 0;
    }

    /// <summary>
    /// A store restored from a changelog that lost its start, with no checkpoint covering the gap, lacks every key last
    /// written before it: it is marked (task directory, log, metrics) instead of being served as whole.
    /// </summary>
    private void MarkCompleteness(StreamTask task, IStoreInstance store, TopicPartition changelog, long missing, Dictionary<string, long> incomplete)
    {
        var metric = (store.Name, task.Id.Partition);
        if (missing == 0)
        {
            incomplete.Remove(store.Name);
            metrics.IncompleteStores.TryRemove(metric, out _);
            return;
        }
        incomplete[store.Name] = missing;
        metrics.IncompleteStores[metric] = missing;
        logger.LogWarning(
            "Store {Store} of task {Task} is incomplete: {Changelog} no longer holds its first {Missing} records and no checkpoint covers them, " +
            "so keys last written before its log start are missing. Rebuild the application from complete sources to make it whole",
            store.Name, task.Id, changelog, missing);
    }

    /// <summary>
    /// Takes the next batch of changelog records and hands it to the store writer, then reports the batch written
    /// before it; returns the tasks whose stores all finished restoring. Writing one batch while the next is consumed
    /// keeps both the consumer and RocksDB busy (each does about half the work of a restore).
    /// </summary>
    public IReadOnlyList<StreamTask> RestoreBatch(TimeSpan wait, IDictionary<TaskId, Dictionary<(string Topic, int Partition), long>> checkpoints)
    {
        var next = ConsumeBatch(wait);
        var finished = CompleteWrite(checkpoints);
        StartWrite(next);
        ReportProgress();
        return finished;
    }

    private List<ChangelogBatch> ConsumeBatch(TimeSpan wait)
    {
        consumed = [];
        var timeout = wait;
        for (var taken = 0; taken < batchSize && active.Values.Any(c => !c.Consumed); timeout = TimeSpan.Zero)
        {
            var read = consumer.Read(timeout, batchSize - taken, this);
            if (read == 0) break;
            taken += read;
        }
        return [.. consumed.Values];
    }

    void IChangelogSink.Record(string topic, int partition, long offset, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, bool tombstone)
    {
        if (BatchOf(topic, partition) is not { } batch) return;
        if (tombstone) batch.Records.Delete(key);
        else batch.Records.Put(key, value);
        var changelog = batch.Changelog;
        batch.Position = changelog.Position = offset + 1;
        if (changelog.Position >= changelog.End) Consumed(batch);
    }

    void IChangelogSink.EndOfPartition(string topic, int partition, long offset)
    {
        // Transaction markers can sit at the end, so reaching the end of the partition also counts as done.
        if (BatchOf(topic, partition) is { } batch) Consumed(batch);
    }

    /// <summary>The batch of the changelog being restored from the partition, or null (done, or no longer restored).</summary>
    private ChangelogBatch? BatchOf(string topic, int partition)
    {
        if (!active.TryGetValue((topic, partition), out var changelog) || changelog.Consumed) return null;
        if (!consumed.TryGetValue(changelog, out var batch))
            consumed[changelog] = batch = new ChangelogBatch(changelog, changelog.Store.Bytes.CreateWriteBatch()) { Position = changelog.Position };
        return batch;
    }

    private static void Consumed(ChangelogBatch batch)
    {
        batch.Changelog.Consumed = true;
        batch.Last = true;
    }

    private void StartWrite(List<ChangelogBatch> batches)
    {
        writing = batches;
        // Stores are separate databases, so the batches of different stores are written in parallel.
        pendingWrite = batches.Count == 0 ? Task.CompletedTask : Task.Run(() => Parallel.ForEach(batches, batch =>
        {
            if (batch.Records.Count > 0) batch.Changelog.Store.Bytes.Write(batch.Records);
        }));
    }

    /// <summary>Waits for the batch being written (rethrowing what failed it) and accounts for it.</summary>
    private List<StreamTask> CompleteWrite(IDictionary<TaskId, Dictionary<(string Topic, int Partition), long>> checkpoints)
    {
        pendingWrite.GetAwaiter().GetResult();
        var finished = new List<StreamTask>();
        foreach (var batch in writing)
        {
            using var records = batch.Records;
            var changelog = batch.Changelog;
            if (records.Count > 0)
            {
                changelog.Restored += records.Count;
                changelog.Written = batch.Position;
                metrics.RestoredRecords(changelog.Store.Name, records.Count);
                listener?.OnBatchRestored(changelog.Partition, changelog.Store.Name, batch.Position, records.Count);
            }
            if (batch.Last && Finish(changelog, checkpoints)) finished.Add(changelog.Task);
        }
        writing = [];
        PublishProgress();
        return finished;
    }

    /// <summary>Ends the restore of a changelog whose records are all written; true when it was its task's last.</summary>
    private bool Finish(RestoringChangelog changelog, IDictionary<TaskId, Dictionary<(string Topic, int Partition), long>> checkpoints)
    {
        var key = (changelog.Partition.Topic, changelog.Partition.Partition.Value);
        active.Remove(key);
        consumer.Unassign([changelog.Partition]);
        changelog.Store.Bytes.EndBulkLoad();
        if (checkpoints.TryGetValue(changelog.Task.Id, out var offsets)) offsets[key] = changelog.Position;
        var rate = changelog.Restored / Math.Max(changelog.Clock.Elapsed.TotalSeconds, 1e-3);
        logger.LogInformation(
            "Restored {Records} records into store {Store} of task {Task} in {Seconds:F1} s ({Rate:F0} records/s)",
            changelog.Restored, changelog.Store.Name, changelog.Task.Id, changelog.Clock.Elapsed.TotalSeconds, rate);
        metrics.Restores.TryRemove((changelog.Store.Name, key.Item2), out _);
        listener?.OnRestoreEnd(changelog.Partition, changelog.Store.Name, changelog.Restored);
        var left = pendingPerTask[changelog.Task.Id] - 1;
        if (left > 0)
        {
            pendingPerTask[changelog.Task.Id] = left;
            return false;
        }
        pendingPerTask.Remove(changelog.Task.Id);
        return true;
    }

    private void ReportProgress()
    {
        foreach (var ((_, partition), changelog) in active)
        {
            var remaining = Math.Max(0, changelog.End - changelog.Position);
            var rate = changelog.Restored / Math.Max(changelog.Clock.Elapsed.TotalSeconds, 1e-3);
            metrics.Restores[(changelog.Store.Name, partition)] = new StreamsMetrics.RestoreSnapshot(changelog.Restored, remaining, rate);
            if (changelog.Clock.Elapsed - changelog.LastReport < ProgressInterval) continue;
            changelog.LastReport = changelog.Clock.Elapsed;
            logger.LogInformation(
                "Restoring store {Store} of task {Task}: {Restored} records restored, {Remaining} remaining, {Rate:F0} records/s",
                changelog.Store.Name, changelog.Task.Id, changelog.Restored, remaining, rate);
        }
    }

    /// <summary>Stops restoring a task that is being closed.</summary>
    public void Remove(StreamTask task)
    {
        // The batch being written may hold records for the task's stores, which are closed next.
        pendingWrite.GetAwaiter().GetResult();
        foreach (var batch in writing.Where(b => b.Changelog.Task == task)) batch.Records.Dispose();
        writing = writing.Where(b => b.Changelog.Task != task).ToList();
        var keys = active.Where(a => a.Value.Task == task).Select(a => a.Key).ToList();
        foreach (var key in keys)
        {
            var changelog = active[key];
            metrics.Restores.TryRemove((changelog.Store.Name, key.Partition), out _);
            active.Remove(key);
        }
        if (keys.Count > 0) consumer.Unassign(keys.Select(k => new TopicPartition(k.Topic, k.Partition)).ToList());
        pendingPerTask.Remove(task.Id);
        PublishProgress();
    }

    private void PublishProgress() => Progress = active.Values
        .Select(c => new RestoreProgress(c.Store.Name, c.Task.Id.Partition, c.Written - c.Start, c.End - c.Start))
        .ToList();

    public void Dispose()
    {
        pendingWrite.Wait(TimeSpan.FromSeconds(30));
        consumer.Dispose();
    }
}
