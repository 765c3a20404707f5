using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using OrderStreams.Streams.Internals.Runtime;
using OrderStreams.Streams.Internals.State;
using OrderStreams.Streams.Processor;

namespace OrderStreams.Streams.Internals.Engine;

/// <summary>
/// A stream thread's tasks and their input partitions: makes and closes tasks as partitions are assigned and revoked,
/// restores their state before they run, and commits them (flush, checkpoint when due, commit offsets).
/// </summary>
internal sealed class TaskManager(EngineContext engine, string thread, ILogger logger, ThreadClients clients)
{
    /// <summary>
    /// How long a drained partition gets no record before its offset may move to the consumer's position (past
    /// transaction markers): after a KIP-848 incremental assignment the position can be an earlier ownership's until the
    /// fetch from the committed offset delivers, and batches of a busy broker can be seconds apart.
    /// </summary>
    private static readonly TimeSpan IdleBeforeSkippingToPosition = TimeSpan.FromSeconds(10);

    private readonly Dictionary<TaskId, StreamTask> tasks = [];
    private readonly Dictionary<(string Topic, int Partition), InputPartition> partitions = [];
    private readonly HashSet<TaskId> restoring = [];
    private readonly RecordCache recordCache = new(engine.Config.CacheMaxBytesBuffering / engine.Config.NumStreamThreads);
    private readonly OffsetCommitter committer = new(clients.Consumer, thread, logger);
    private readonly TaskCheckpoints checkpoints = new(clients.Collector);
    private readonly LagGauges gauges = new(clients.Consumer, engine.Metrics, engine.Config.ApplicationId);
    private long lastCommit = Environment.TickCount64;

    /// <summary>Local tasks and their stores; read by interactive queries (the dictionary is replaced, never mutated, so reads need no lock).</summary>
    public IReadOnlyDictionary<TaskId, StreamTask> ActiveTasks { get; private set; } = new Dictionary<TaskId, StreamTask>();

    /// <summary>A snapshot for other threads, replaced whenever tasks come, go or finish restoring.</summary>
    public ThreadMetadata Metadata { get; private set; } = new(thread, []);

    /// <summary>No partitions yet, or all revoked (eager rebalancing revokes everything before the new assignment arrives).</summary>
    public bool AwaitingAssignment { get; private set; } = true;

    public bool Restoring => restoring.Count > 0;

    /// <summary>
    /// For other threads: has its partitions and no task restoring. Published with <see cref="Metadata"/> as one
    /// value, so a reader never sees the assignment taken but its restoring tasks not yet listed.
    /// </summary>
    public bool Running { get; private set; }

    public IReadOnlyCollection<StreamTask> Tasks => tasks.Values;

    public IReadOnlyCollection<InputPartition> Partitions => partitions.Values;

    public bool TryGetPartition(string topic, int partition, out InputPartition input) => partitions.TryGetValue((topic, partition), out input!);

    public void Assign(IReadOnlyList<TopicPartition> assigned)
    {
        foreach (var group in assigned.GroupBy(p => new TaskId(engine.SubtopologyOf(p.Topic), p.Partition.Value)))
        {
            if (tasks.TryGetValue(group.Key, out var partial)) throw SplitTask(partial, "got", group);
            var subtopology = engine.Topology.Subtopologies[group.Key.Subtopology];
            var task = new StreamTask(group.Key, engine.Topology, subtopology, engine.Config, clients.Collector, SystemClock.Instance, group,
                engine.GlobalStores, recordCache, engine.RocksDb, engine.Metrics);
            task.InitializeStores();
            tasks[task.Id] = task;
            foreach (var queue in task.Inputs) partitions[(queue.Topic, queue.Partition)] = new InputPartition(task, queue);
            gauges.PublishStoreSizes(task);
            if (clients.Restorer.Register(task, checkpoints.Read(task))) restoring.Add(task.Id);
            else StartProcessing(task);
        }
        AwaitingAssignment = false;
        PublishTasks();
    }

    public void Revoke(IReadOnlyList<TopicPartition> revoked, bool clean)
    {
        var revokedKeys = revoked.Select(p => (p.Topic, p.Partition.Value)).ToHashSet();
        var closing = revokedKeys.Select(partitions.GetValueOrDefault).OfType<InputPartition>().Select(p => p.Task).Distinct().ToList();
        if (closing.FirstOrDefault(t => t.Inputs.Any(i => !revokedKeys.Contains((i.Topic, i.Partition)))) is { } split)
            throw SplitTask(split, "lost", revoked);
        if (clean) Commit();
        else if (engine.Config.ProcessingGuarantee == ProcessingGuarantee.ExactlyOnceV2) clients.Collector.AbortTransaction();
        foreach (var task in closing) Close(task, clean);
        AwaitingAssignment = tasks.Count == 0;
        PublishTasks();
    }

    public void CloseAll(bool clean)
    {
        foreach (var task in tasks.Values.ToList()) Close(task, clean);
        PublishTasks();
    }

    /// <summary>Restores a batch of changelog records; tasks whose stores are complete start processing.</summary>
    public void Restore()
    {
        PauseRestoringInputs();
        foreach (var task in clients.Restorer.RestoreBatch(TimeSpan.FromMilliseconds(50), checkpoints.Offsets)) StartProcessing(task);
    }

    /// <summary>Input of tasks that finished restoring comes from the broker again.</summary>
    public void ResumeRestoredInputs()
    {
        List<TopicPartition>? resume = null;
        foreach (var input in partitions.Values)
        {
            if (!input.PausedForRestore || restoring.Contains(input.Task.Id)) continue;
            input.PausedForRestore = false;
            (resume ??= []).Add(input.TopicPartition);
        }
        if (resume is not null) clients.Consumer.Resume(resume);
    }

    /// <summary>Processes what is buffered, a bounded share per task per round so tasks stay fair and commits timely.</summary>
    public void Process()
    {
        bool progressed;
        do
        {
            progressed = false;
            foreach (var task in tasks.Values)
            {
                if (restoring.Contains(task.Id)) continue;
                for (var i = 0; i < 100 && task.Process(); i++) progressed = true;
            }
        }
        while (progressed);
    }

    /// <summary>Notes which running tasks are caught up and fires the wall-clock punctuations due at <paramref name="now"/>.</summary>
    public void Punctuate(long now)
    {
        foreach (var task in tasks.Values)
        {
            if (restoring.Contains(task.Id)) continue;
            task.CheckCaughtUp();
            task.PunctuateWallClock(now);
        }
    }

    /// <summary>Tells every input partition of the running tasks whether the end the consumer last reported still holds.</summary>
    public void RefreshEnds(long wallClock)
    {
        foreach (var input in partitions.Values)
        {
            if (!restoring.Contains(input.Task.Id)) input.Queue.EndCurrent = input.Queue.AtEnd && EndIsCurrent(input, wallClock);
        }
    }

    /// <summary>Commits once a commit interval passed since the last, or sooner when a task asks; true when it did.</summary>
    public bool CommitIfDue()
    {
        var now = Environment.TickCount64;
        if (now - lastCommit < (long)engine.Config.EffectiveCommitInterval.TotalMilliseconds && !tasks.Values.Any(t => t.CommitRequested)) return false;
        // Not under KIP-848 groups: there the join test lost table records with it, not yet explained.
        if (engine.Config.GroupProtocol == ConsumerGroupProtocol.Classic)
        {
            var idleSince = Math.Min(lastCommit, now - (long)IdleBeforeSkippingToPosition.TotalMilliseconds);
            foreach (var task in tasks.Values) task.SkipToPosition(PositionOf, idleSince);
        }
        Commit();
        lastCommit = now;
        return true;
    }

    /// <summary>Flushes caches and the producer (outputs and changelogs delivered), checkpoints the tasks that are due, then commits input offsets.</summary>
    public void Commit()
    {
        if (!tasks.Values.Any(t => t.CommitNeeded)) return;
        var started = Stopwatch.GetTimestamp();
        // Cached writes go out first: their changelog and output records are part of what this commit covers.
        foreach (var task in tasks.Values)
        {
            if (!restoring.Contains(task.Id)) task.FlushCaches();
        }
        var offsets = tasks.Values.SelectMany(t => t.CommittableOffsets()).ToList();
        if (engine.Config.ProcessingGuarantee == ProcessingGuarantee.ExactlyOnceV2)
        {
            clients.Collector.CommitTransaction(offsets, clients.Consumer.ConsumerGroupMetadata);
            foreach (var task in tasks.Values) task.FlushStores(persistent: false);
        }
        else
        {
            clients.Collector.Flush();
            foreach (var task in tasks.Values)
            {
                var due = !restoring.Contains(task.Id) && checkpoints.Due(task);
                task.FlushStores(persistent: due);
                if (due) checkpoints.Write(task);
            }
            if (offsets.Count > 0) committer.Commit(offsets);
        }
        engine.RepartitionPurge?.Committed(offsets.Where(o => engine.IsInternalTopic(o.Topic)));
        foreach (var task in tasks.Values) task.MarkCommitted();
        engine.Metrics.Committed(Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Commits offsets that are not the tasks' (the pinned group's, mirrored into the application's).</summary>
    public void CommitOffsets(IReadOnlyList<TopicPartitionOffset> offsets) => committer.Commit(offsets);

    public void PublishGauges() => gauges.Publish(tasks.Values, partitions.Values);

    /// <summary>
    /// Whether the end the consumer last reported for a partition still holds: its broker answers (statistics), and no
    /// later end was fetched (whose records would be on their way to the buffers).
    /// </summary>
    private bool EndIsCurrent(InputPartition input, long wallClock) =>
        clients.Liveness.Answering(input.Queue.Topic, input.Queue.Partition, wallClock)
        && clients.Consumer.GetWatermarkOffsets(input.TopicPartition).High is var high
        && (high.IsSpecial || high.Value <= input.Queue.ReachedEndAt);

    private long PositionOf(string topic, int partition) =>
        clients.Consumer.Position(new TopicPartition(topic, partition)) is { IsSpecial: false } at ? at.Value : -1;

    /// <summary>Input of tasks still restoring waits on the broker, not in memory (the assignment is only applied after the rebalance callback).</summary>
    private void PauseRestoringInputs()
    {
        List<TopicPartition>? pause = null;
        foreach (var input in partitions.Values)
        {
            if (input.PausedForRestore || !restoring.Contains(input.Task.Id)) continue;
            input.PausedForRestore = true;
            (pause ??= []).Add(input.TopicPartition);
        }
        if (pause is not null) clients.Consumer.Pause(pause);
    }

    private void StartProcessing(StreamTask task)
    {
        restoring.Remove(task.Id);
        // Under exactly once, local state may run ahead of committed transactions after a crash; without a checkpoint
        // the next start restores from scratch. The checkpoint is written again on clean close.
        if (engine.Config.ProcessingGuarantee == ProcessingGuarantee.ExactlyOnceV2) Checkpoint.Delete(task.Directory);
        task.InitializeTopology();
        PublishTasks();
        logger.LogInformation("Task {Task} is running", task.Id);
    }

    private void Close(StreamTask task, bool clean)
    {
        clients.Restorer.Remove(task);
        restoring.Remove(task.Id);
        tasks.Remove(task.Id);
        foreach (var input in task.Inputs) partitions.Remove((input.Topic, input.Partition));
        gauges.Remove(task);
        task.Dispose();
        if (clean) checkpoints.Write(task);
        checkpoints.Forget(task);
    }

    private void PublishTasks()
    {
        ActiveTasks = new Dictionary<TaskId, StreamTask>(tasks);
        Metadata = new ThreadMetadata(thread, tasks.Values
            .Select(t => new TaskMetadata(t.Id, t.Inputs.Select(q => new TopicPartition(q.Topic, q.Partition)).ToList(), restoring.Contains(t.Id)))
            .OrderBy(t => t.TaskId.Subtopology).ThenBy(t => t.TaskId.Partition)
            .ToList());
        Running = !AwaitingAssignment && restoring.Count == 0;
    }

    /// <summary>
    /// A task is one partition number across its co-partitioned source topics, so its partitions must come and go
    /// together; an assignor that splits them (KIP-848's <c>uniform</c>) would leave records without a task.
    /// </summary>
    private static StreamsException SplitTask(StreamTask task, string change, IEnumerable<TopicPartition> partitions) =>
        new($"Task {task.Id} {change} {string.Join(", ", partitions)} apart from the rest of its partitions "
            + $"({string.Join(", ", task.Inputs.Select(i => $"{i.Topic} [[{i.Partition}]]"))}): the group's assignor split co-partitioned "
            + "topics. Classic groups use the range assignor and KIP-848 groups the broker's range assignor (group.remote.assignor=range).");
}
