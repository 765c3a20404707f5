using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using OrderStreams.Kafka.Clients;
using OrderStreams.Streams.Internals.Runtime;
using OrderStreams.Streams.Internals.State;
using OrderStreams.Streams.Processor;

namespace OrderStreams.Streams.Internals.Engine;

/// <summary>
/// One consumer in the application's group, the tasks of the partitions assigned to it, a producer and a restorer.
/// Loop: poll (draining with zero timeouts), restore or process, punctuate, commit every commit interval.
/// </summary>
internal sealed class StreamThread
{
    private const long CheckpointDelta = 10_000;

    private readonly EngineContext engine;
    private readonly int index;
    private readonly ILogger logger;
    private readonly Dictionary<TaskId, StreamTask> tasks = [];
    private readonly Dictionary<(string Topic, int Partition), StreamTask> byPartition = [];
    private readonly HashSet<TaskId> restoring = [];
    private readonly HashSet<(string Topic, int Partition)> paused = [];
    private readonly Dictionary<TaskId, Dictionary<(string Topic, int Partition), long>> checkpoints = [];
    private readonly Dictionary<(string Topic, int Partition), long> caughtUpAt = [];
    private readonly HashSet<(string Topic, int Partition)> mirrored = [];
    private readonly HashSet<(string Topic, int Partition)> stoppedAtBound = [];
    private readonly Dictionary<(string Topic, int Partition), long> endsAtStart = [];
    private readonly Thread thread;
    private readonly ErrorHandler errors;
    private IConsumer<byte[], byte[]> consumer = null!;
    private KafkaRecordCollector collector = null!;
    private StateRestorer restorer = null!;
    private IConsumer<byte[], byte[]>? otherGroup;
    private RecordCache recordCache = null!;
    private FetchLiveness liveness = null!;
    private volatile bool running = true;
    private volatile bool awaitingAssignment = true;
    private long lastCommit;
    private long lastGauges;
    private long? commitFailingSince;
    private bool sourcesDoneAndCommitted;

    public StreamThread(EngineContext engine, int index)
    {
        this.engine = engine;
        this.index = index;
        logger = engine.LoggerFactory.CreateLogger($"OrderStreams.Streams.StreamThread-{index}");
        errors = new ErrorHandler(engine.Config, logger);
        thread = new Thread(Run) { Name = $"{engine.Config.ApplicationId}-StreamThread-{index}", IsBackground = true };
        Metadata = new ThreadMetadata(Name, []);
    }

    public string Name => thread.Name!;

    /// <summary>Local tasks and their stores; read by interactive queries (the dictionary is replaced, never mutated, so reads need no lock).</summary>
    public IReadOnlyDictionary<TaskId, StreamTask> ActiveTasks { get; private set; } = new Dictionary<TaskId, StreamTask>();

    /// <summary>A snapshot for other threads, replaced whenever tasks come, go or finish restoring.</summary>
    public ThreadMetadata Metadata { get; private set; }

    /// <summary>Store partitions of this thread's tasks that are restoring, and how far each is.</summary>
    public IReadOnlyList<RestoreProgress> RestoreProgress => restorer?.Progress ?? [];

    /// <summary>True once the thread has its partitions and none of its tasks is still restoring state.</summary>
    public bool TasksRunning => !awaitingAssignment && Metadata.ActiveTasks.All(t => !t.Restoring);

    /// <summary>
    /// Under <see cref="StreamsConfig.ProcessUntil"/>: source partitions of this thread's tasks not yet done, -1 while
    /// partitions are assigned or restored. See <see cref="CheckBound"/>.
    /// </summary>
    public int PartitionsBeforeBound { get; private set; } = -1;

    public void Start() => thread.Start();

    public void RequestStop() => running = false;

    public bool Join(TimeSpan timeout) => thread.Join(timeout);

    private StreamsConfig Config => engine.Config;

    private bool ExactlyOnce => Config.ProcessingGuarantee == ProcessingGuarantee.ExactlyOnceV2;

    private void Run()
    {
        try
        {
            CreateClients();
            if (Config.AssignedPartitions is null) consumer.Subscribe(engine.SourceTopics);
            else AssignPinnedPartitions();
            lastCommit = Environment.TickCount64;
            while (running) RunOnce();
            CommitAll();
        }
        catch (Exception e)
        {
            logger.LogError(e, "Stream thread {Thread} failed", Name);
            engine.OnThreadFailed(Name, e);
        }
        finally
        {
            Shutdown();
        }
    }

    private void CreateClients()
    {
        var clientId = $"{Config.ApplicationId}-{engine.ProcessId}-StreamThread-{index}";
        consumer = engine.Clients.CreateConsumer<byte[], byte[]>(
            Config.AssignedPartitions is null ? Config.ApplicationId : Config.PinnedGroupId,
            config =>
            {
                config.ClientId = $"{clientId}-consumer";
                config.EnableAutoCommit = false;
                config.EnableAutoOffsetStore = false;
                config.AutoOffsetReset = AutoOffsetReset.Earliest;
                // A pinned instance assigns its partitions itself and joins no group.
                ConsumerGroupSettings.Apply(config, Config.AssignedPartitions is null ? Config.GroupProtocol : ConsumerGroupProtocol.Classic);
                config.IsolationLevel = ExactlyOnce ? IsolationLevel.ReadCommitted : IsolationLevel.ReadUncommitted;
                // Reaching a partition's end, and the brokers' liveness, tell when a task is caught up (StreamTask.CheckCaughtUp).
                config.EnablePartitionEof = true;
                if (config.StatisticsIntervalMs is not > 0) config.StatisticsIntervalMs = FetchLiveness.DefaultStatisticsIntervalMs;
                var fetchWait = config.FetchWaitMaxMs ?? FetchLiveness.DefaultFetchWaitMaxMs;
                liveness = new FetchLiveness(fetchWait, config.StatisticsIntervalMs.Value);
            },
            builder => builder
                .SetStatisticsHandler((_, statistics) => liveness.Update(statistics, SystemClock.Instance.NowMs))
                .SetPartitionsAssignedHandler((_, partitions) => OnAssigned(partitions))
                .SetPartitionsRevokedHandler((_, partitions) => OnRevoked(partitions, commit: true))
                .SetPartitionsLostHandler((_, partitions) => OnRevoked(partitions, commit: false)));

        collector = new KafkaRecordCollector(engine.Clients, config =>
        {
            config.ClientId = $"{clientId}-producer";
            if (ExactlyOnce) config.TransactionalId = $"{Config.ApplicationId}-{engine.ProcessId}-{index}";
        }, errors, ExactlyOnce);
        recordCache = new RecordCache(Config.CacheMaxBytesBuffering / Config.NumStreamThreads);
        errors.DeadLetterSink = collector;

        // The restore consumer is librdkafka's own (ChangelogReader), built from the factory's settings.
        var restoreConfig = engine.Clients.ConsumerConfig($"{Config.ApplicationId}-restore");
        restoreConfig.ClientId = $"{clientId}-restore-consumer";
        restoreConfig.EnableAutoCommit = false;
        restoreConfig.AutoOffsetReset = AutoOffsetReset.Earliest;
        restoreConfig.EnablePartitionEof = true;
        restoreConfig.IsolationLevel = ExactlyOnce ? IsolationLevel.ReadCommitted : IsolationLevel.ReadUncommitted;
        KafkaClientDefaults.ForBulkRead(restoreConfig);
        restorer = new StateRestorer(restoreConfig, engine.Metrics, Config.RestoreBatchSize, logger, engine.RestoreListener);
    }

    private void FetchFailed(ConsumeException e) =>
        logger.LogWarning("Thread {Thread}: {Reason}; fetching again", Name, e.Error.Reason);

    private void RunOnce()
    {
        Poll(restorer.Restoring ? TimeSpan.Zero : Config.PollTimeout);
        RefreshEnds();
        if (restorer.Restoring)
        {
            PauseRestoringInputs();
            foreach (var task in restorer.RestoreBatch(TimeSpan.FromMilliseconds(50), checkpoints)) StartProcessing(task);
        }
        ProcessBuffered();
        PauseStoppedPartitions();
        foreach (var task in tasks.Values)
        {
            if (restoring.Contains(task.Id)) continue;
            task.CheckCaughtUp();
            task.PunctuateWallClock();
        }
        // Outputs wait for the state changes written before them (KafkaRecordCollector); one wait per round of processing.
        collector.ReleaseOutputs();
        ResumeRestoredInputs();
        var now = Environment.TickCount64;
        if (now - lastCommit >= (long)Config.EffectiveCommitInterval.TotalMilliseconds || tasks.Values.Any(t => t.CommitRequested))
        {
            // Not under KIP-848 groups: there the join test lost table records with it, not yet explained.
            if (Config.GroupProtocol == ConsumerGroupProtocol.Classic)
            {
                var idleSince = Math.Min(lastCommit, now - (long)IdleBeforeSkippingToPosition.TotalMilliseconds);
                foreach (var task in tasks.Values) task.SkipToPosition(PositionOf, idleSince);
            }
            CommitAll();
            MirrorPinnedOffsets();
            lastCommit = now;
        }
        if (now - lastGauges >= 1000)
        {
            PublishLag();
            if (Config.ProcessUntil is not null) CheckBound();
            lastGauges = now;
        }
    }

    /// <summary>Partitions that reached <see cref="StreamsConfig.ProcessUntil"/> take nothing more from the broker.</summary>
    private void PauseStoppedPartitions()
    {
        foreach (var task in tasks.Values)
        {
            if (!task.TakeReachedBound()) continue;
            var stop = task.Inputs.Where(q => q.ReachedBound && stoppedAtBound.Add((q.Topic, q.Partition))).Select(q => new TopicPartition(q.Topic, q.Partition)).ToList();
            if (stop.Count == 0) continue;
            consumer.Pause(stop);
            logger.LogInformation("Thread {Thread} reached {Bound:O} on {Partitions}: paused", Name, Config.ProcessUntil, string.Join(", ", stop));
        }
    }

    /// <summary>
    /// Counts the source partitions not done with <see cref="StreamsConfig.ProcessUntil"/>. A partition of a user
    /// topic is done at its first record after the bound, or once processed up to the end offset it had when first
    /// checked (nothing after the bound yet). Repartition topics only fill from the others: their partitions count as
    /// done once every thread's user partitions are done and committed (so their records were delivered) and they
    /// are processed up to their end offset. Other instances of the application report their own partitions.
    /// </summary>
    private void CheckBound()
    {
        if (awaitingAssignment || restoring.Count > 0)
        {
            PartitionsBeforeBound = -1;
            sourcesDoneAndCommitted = false;
            engine.SourcesAtBound[index] = false;
            return;
        }
        var queues = tasks.Values.SelectMany(t => t.Inputs).ToList();
        var external = queues.Count(q => !engine.IsInternalTopic(q.Topic) && !AtBoundOrEnd(q));
        // Committed once is enough: a wall-clock punctuation later marks a commit as needed without touching the inputs.
        sourcesDoneAndCommitted = external == 0 && (sourcesDoneAndCommitted || tasks.Values.All(t => !t.CommitNeeded));
        engine.SourcesAtBound[index] = sourcesDoneAndCommitted;
        var internalQueues = queues.Where(q => engine.IsInternalTopic(q.Topic)).ToList();
        var allThreadsDone = engine.SourcesAtBound.Count == Config.NumStreamThreads && engine.SourcesAtBound.Values.All(done => done);
        var internalLeft = allThreadsDone ? internalQueues.Count(q => !CaughtUp(q)) : internalQueues.Count;
        PartitionsBeforeBound = external + internalLeft;
    }

    private bool AtBoundOrEnd(PartitionQueue queue)
    {
        if (queue.ReachedBound) return true;
        var key = (queue.Topic, queue.Partition);
        if (!endsAtStart.TryGetValue(key, out var end))
        {
            var watermarks = consumer.QueryWatermarkOffsets(new TopicPartition(queue.Topic, queue.Partition), TimeSpan.FromSeconds(10));
            end = endsAtStart[key] = watermarks.High.Value <= watermarks.Low.Value ? 0 : watermarks.High.Value;
        }
        return end == 0 || (queue.Count == 0 && ProcessedUpTo(queue) >= end);
    }

    private bool CaughtUp(PartitionQueue queue)
    {
        if (queue.Count > 0) return false;
        var tp = new TopicPartition(queue.Topic, queue.Partition);
        var position = ProcessedUpTo(queue);
        // The fetched high watermark says "not yet" without a request; only a "done" is asked of the broker.
        if (position >= 0 && consumer.GetWatermarkOffsets(tp).High is { IsSpecial: false } fetched && position < fetched.Value) return false;
        var watermarks = consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10));
        return watermarks.High.Value <= watermarks.Low.Value || position >= watermarks.High.Value;
    }

    // One past the last processed record, else where the consumer fetches from (its committed offset), else -1.
    private long ProcessedUpTo(PartitionQueue queue) =>
        queue.NextOffset >= 0 ? queue.NextOffset : PositionOf(queue.Topic, queue.Partition);

    /// <summary>
    /// Takes up to <see cref="StreamsConfig.MaxPollRecords"/> records, stopping early when a partition's buffer is full:
    /// the rest stays in librdkafka's fetch queue. (Pausing the partition instead would make librdkafka drop what it
    /// has prefetched and fetch it again after the resume.)
    /// </summary>
    private void Poll(TimeSpan timeout)
    {
        var record = consumer.ConsumeOrNull(timeout, FetchFailed);
        for (var taken = 1; record is not null; taken++)
        {
            var key = (record.Topic, record.Partition.Value);
            if (record.IsPartitionEOF)
            {
                if (byPartition.TryGetValue(key, out var ended)) ended.Queue(record.Topic, record.Partition.Value).ReachedEnd(record.Offset.Value);
            }
            else if (byPartition.TryGetValue(key, out var task))
            {
                var queue = task.Add(record);
                // Unless the task waits for another of its partitions: that one's records may be queued behind these.
                if (queue.Count >= Config.BufferedRecordsPerPartition && task.WaitingSince is null) break;
            }
            else if (!mirrored.Contains(key))
            {
                throw new StreamsException($"Received a record of {record.TopicPartition}, which belongs to no task of thread {Name}.");
            }
            else if (paused.Add(key))
            {
                // A partition pinned to another instance: its records are not ours to process.
                consumer.Pause([record.TopicPartition]);
            }
            if (taken >= Config.MaxPollRecords) break;
            record = consumer.ConsumeOrNull(TimeSpan.Zero, FetchFailed);
        }
    }

    /// <summary>Tells every input partition of the running tasks whether the end the consumer last reported still holds.</summary>
    private void RefreshEnds()
    {
        var wallClock = SystemClock.Instance.NowMs;
        foreach (var task in tasks.Values)
        {
            if (restoring.Contains(task.Id)) continue;
            foreach (var queue in task.Inputs) queue.EndCurrent = queue.AtEnd && EndIsCurrent(queue, wallClock);
        }
    }

    private void ProcessBuffered()
    {
        bool progressed;
        do
        {
            progressed = false;
            foreach (var task in tasks.Values)
            {
                if (restoring.Contains(task.Id)) continue;
                // A bounded share per task per round keeps tasks fair and commits timely.
                for (var i = 0; i < 100 && task.Process(); i++) progressed = true;
            }
        }
        while (progressed);
    }

    /// <summary>Input of tasks still restoring waits on the broker, not in memory (the assignment is only applied after the rebalance callback).</summary>
    private void PauseRestoringInputs()
    {
        var pause = restoring.SelectMany(id => tasks[id].Inputs).Select(q => (q.Topic, q.Partition)).Where(paused.Add).ToList();
        if (pause.Count > 0) consumer.Pause(pause.Select(p => new TopicPartition(p.Topic, p.Partition)).ToList());
    }

    private void ResumeRestoredInputs()
    {
        if (paused.Count == 0) return;
        var resume = paused.Where(p => byPartition.TryGetValue(p, out var task) && !restoring.Contains(task.Id)).ToList();
        if (resume.Count == 0) return;
        consumer.Resume(resume.Select(p => new TopicPartition(p.Topic, p.Partition)).ToList());
        foreach (var p in resume) paused.Remove(p);
    }

    private IEnumerable<TopicPartitionOffset> OnAssigned(List<TopicPartition> partitions)
    {
        logger.LogInformation("Thread {Thread} assigned {Partitions}", Name, string.Join(", ", partitions));
        var excluded = Config.ExcludedPartitions ?? [];
        foreach (var p in partitions.Where(p => excluded.Contains(p.Partition.Value))) mirrored.Add((p.Topic, p.Partition.Value));
        foreach (var group in partitions.Where(p => !excluded.Contains(p.Partition.Value)).GroupBy(p => new TaskId(engine.SubtopologyOf(p.Topic), p.Partition.Value)))
        {
            if (tasks.TryGetValue(group.Key, out var partial)) throw SplitTask(partial, "got", group);
            var subtopology = engine.Topology.Subtopologies[group.Key.Subtopology];
            var task = new StreamTask(group.Key, engine.Topology, subtopology, Config, collector, errors, SystemClock.Instance, group, engine.GlobalStores, recordCache, engine.RocksDb, engine.Metrics);
            task.InitializeStores();
            var checkpoint = Checkpoint.Read(task.Directory);
            checkpoints[task.Id] = checkpoint;
            tasks[task.Id] = task;
            foreach (var p in group) byPartition[(p.Topic, p.Partition.Value)] = task;
            foreach (var store in task.Stores.Values)
                engine.Metrics.StoreSizes[(store.Name, task.Id.Partition)] = store.Bytes.ApproximateCount;
            if (restorer.Register(task, checkpoint))
            {
                restoring.Add(task.Id);
            }
            else
            {
                StartProcessing(task);
            }
        }
        awaitingAssignment = false;
        PublishTasks();
        engine.OnAssignmentChanged();
        return partitions.Select(p => new TopicPartitionOffset(p, Offset.Unset));
    }

    /// <summary>
    /// A pinned instance takes its share of <see cref="StreamsConfig.AssignedPartitions"/> (threads split them) of
    /// every source topic itself, and starts each where the application's group or the pinned group got furthest:
    /// the group has the offsets from before the partition was pinned, the pinned group those since.
    /// </summary>
    private void AssignPinnedPartitions()
    {
        var mine = Config.AssignedPartitions!.Where((_, i) => i % Config.NumStreamThreads == index).ToHashSet();
        var partitions = engine.SourceTopics.SelectMany(t => mine.Select(p => new TopicPartition(t, p))).ToList();
        if (partitions.Count == 0) return;
        OnAssigned(partitions);
        var own = consumer.Committed(partitions, TimeSpan.FromSeconds(30));
        var group = OtherGroup().Committed(partitions, TimeSpan.FromSeconds(30));
        var start = partitions.Select(tp =>
        {
            var offsets = own.Concat(group).Where(o => o.TopicPartition == tp && o.Offset.Value >= 0).Select(o => o.Offset.Value).ToList();
            return new TopicPartitionOffset(tp, offsets.Count == 0 ? Offset.Unset : new Offset(offsets.Max()));
        }).ToList();
        logger.LogInformation("Thread {Thread} pinned to {Partitions}", Name, string.Join(", ", start));
        consumer.Assign(start);
    }

    /// <summary>
    /// Copies the pinned group's committed offsets of the excluded partitions this member was given into the
    /// application's group, so its lag (kafka-consumer-groups, Burrow) is the pinned instance's, not a frozen offset.
    /// </summary>
    private void MirrorPinnedOffsets()
    {
        if (mirrored.Count == 0) return;
        var partitions = mirrored.Select(p => new TopicPartition(p.Topic, p.Partition)).ToList();
        try
        {
            var offsets = OtherGroup().Committed(partitions, TimeSpan.FromSeconds(10)).Where(o => o.Offset.Value >= 0).ToList();
            if (offsets.Count > 0) CommitOffsets(offsets);
        }
        catch (KafkaException e) when (TransientKafkaErrors.IsTransient(e.Error.Code))
        {
            logger.LogWarning(
                "Thread {Thread} could not read the pinned group's offsets ({Reason}); mirroring them at the next commit", Name, e.Error.Reason);
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

    private void PublishTasks()
    {
        ActiveTasks = new Dictionary<TaskId, StreamTask>(tasks);
        Metadata = new ThreadMetadata(Name, tasks.Values
            .Select(t => new TaskMetadata(t.Id, t.Inputs.Select(q => new TopicPartition(q.Topic, q.Partition)).ToList(), restoring.Contains(t.Id)))
            .OrderBy(t => t.TaskId.Subtopology).ThenBy(t => t.TaskId.Partition)
            .ToList());
    }

    private void StartProcessing(StreamTask task)
    {
        restoring.Remove(task.Id);
        // Under exactly once, local state may run ahead of committed transactions after a crash; without a checkpoint
        // the next start restores from scratch. The checkpoint is written again on clean close.
        if (ExactlyOnce) Checkpoint.Delete(task.Directory);
        task.InitializeTopology();
        PublishTasks();
        logger.LogInformation("Task {Task} is running", task.Id);
    }

    private void OnRevoked(List<TopicPartitionOffset> partitions, bool commit)
    {
        logger.LogInformation("Thread {Thread} revoked {Partitions} ({Mode})", Name, string.Join(", ", partitions.Select(p => p.TopicPartition)), commit ? "clean" : "lost");
        var revoked = partitions.Select(p => byPartition.GetValueOrDefault((p.Topic, p.Partition.Value))).OfType<StreamTask>().Distinct().ToList();
        var revokedPartitions = partitions.Select(p => (p.Topic, p.Partition.Value)).ToHashSet();
        if (revoked.FirstOrDefault(t => t.Inputs.Any(i => !revokedPartitions.Contains((i.Topic, i.Partition)))) is { } split)
            throw SplitTask(split, "lost", partitions.Select(p => p.TopicPartition));
        if (commit) MirrorPinnedOffsets();
        foreach (var p in partitions)
        {
            if (mirrored.Remove((p.Topic, p.Partition.Value))) paused.Remove((p.Topic, p.Partition.Value));
        }
        if (commit) CommitAll();
        else if (ExactlyOnce) collector.AbortTransaction();
        foreach (var task in revoked) CloseTask(task, clean: commit);
        // Eager rebalancing revokes everything before the new assignment arrives.
        awaitingAssignment = tasks.Count == 0;
        PublishTasks();
        engine.OnAssignmentChanged();
    }

    /// <summary>
    /// A task is one partition number across its co-partitioned source topics, so its partitions must come and go
    /// together; an assignor that splits them (KIP-848's <c>uniform</c>) would leave records without a task.
    /// </summary>
    private static StreamsException SplitTask(StreamTask task, string change, IEnumerable<TopicPartition> partitions) =>
        new($"Task {task.Id} {change} {string.Join(", ", partitions)} apart from the rest of its partitions "
            + $"({string.Join(", ", task.Inputs.Select(i => $"{i.Topic} [[{i.Partition}]]"))}): the group's assignor split co-partitioned "
            + "topics. Classic groups use the range assignor and KIP-848 groups the broker's range assignor (group.remote.assignor=range).");

    private void CloseTask(StreamTask task, bool clean)
    {
        restorer.Remove(task);
        restoring.Remove(task.Id);
        tasks.Remove(task.Id);
        foreach (var input in task.Inputs)
        {
            byPartition.Remove((input.Topic, input.Partition));
            paused.Remove((input.Topic, input.Partition));
            caughtUpAt.Remove((input.Topic, input.Partition));
            stoppedAtBound.Remove((input.Topic, input.Partition));
            endsAtStart.Remove((input.Topic, input.Partition));
            engine.Metrics.Gauges.TryRemove((Config.ApplicationId, input.Topic, input.Partition), out _);
        }
        foreach (var store in task.Stores.Values)
        {
            engine.Metrics.StoreSizes.TryRemove((store.Name, task.Id.Partition), out _);
            engine.Metrics.IncompleteStores.TryRemove((store.Name, task.Id.Partition), out _);
        }
        task.Dispose();
        if (clean) WriteCheckpoint(task);
        checkpoints.Remove(task.Id);
    }

    /// <summary>
    /// Flush the producer (outputs and changelogs delivered), checkpoint the tasks that are due, then commit input
    /// offsets. Checkpointing a RocksDB store (its WAL is off) means flushing its memtable to a new table file, far too
    /// costly for every commit; as in Kafka Streams, a task checkpoints once its changelogs moved
    /// <see cref="CheckpointDelta"/> records past its last checkpoint, and when it closes, so a crash restores at most
    /// that much more.
    /// </summary>
    /// <summary>
    /// How long a drained partition gets no record before its offset may move to the consumer's position (past
    /// transaction markers): after a KIP-848 incremental assignment the position can be an earlier ownership's until the
    /// fetch from the committed offset delivers, and batches of a busy broker can be seconds apart.
    /// </summary>
    private static readonly TimeSpan IdleBeforeSkippingToPosition = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Whether the end the consumer last reported for a partition still holds: its broker answers (statistics), and no
    /// later end was fetched (whose records would be on their way to the buffers).
    /// </summary>
    private bool EndIsCurrent(PartitionQueue queue, long wallClock) =>
        liveness.Answering(queue.Topic, queue.Partition, wallClock)
        && consumer.GetWatermarkOffsets(new TopicPartition(queue.Topic, queue.Partition)).High is var high
        && (high.IsSpecial || high.Value <= queue.ReachedEndAt);

    private long PositionOf(string topic, int partition) =>
        consumer.Position(new TopicPartition(topic, partition)) is { IsSpecial: false } at ? at.Value : -1;

    private void CommitAll()
    {
        if (!tasks.Values.Any(t => t.CommitNeeded)) return;
        var started = Stopwatch.GetTimestamp();
        // Cached writes go out first: their changelog and output records are part of what this commit covers.
        foreach (var task in tasks.Values)
        {
            if (!restoring.Contains(task.Id)) task.FlushCaches();
        }
        var offsets = tasks.Values.SelectMany(t => t.CommittableOffsets()).ToList();
        if (ExactlyOnce)
        {
            collector.CommitTransaction(offsets, consumer.ConsumerGroupMetadata);
            foreach (var task in tasks.Values) task.FlushStores(persistent: false);
        }
        else
        {
            collector.Flush();
            foreach (var task in tasks.Values)
            {
                var due = CheckpointDue(task);
                task.FlushStores(persistent: due);
                if (due) WriteCheckpoint(task);
            }
            if (offsets.Count > 0) CommitOffsets(offsets);
        }
        foreach (var task in tasks.Values) task.MarkCommitted();
        engine.Metrics.Committed(Stopwatch.GetElapsedTime(started));
    }

    private bool CheckpointDue(StreamTask task)
    {
        if (!checkpoints.TryGetValue(task.Id, out var offsets) || restoring.Contains(task.Id)) return false;
        var delta = 0L;
        foreach (var (store, changelog) in task.ChangelogPartitions)
        {
            if (store.Persistent && collector.NextOffset(changelog.Topic, changelog.Partition.Value) is { } next)
                delta += next - offsets.GetValueOrDefault((changelog.Topic, changelog.Partition.Value));
        }
        return delta >= CheckpointDelta;
    }

    /// <summary>
    /// Commits input offsets. A group that is rebalancing (or has moved on without this member) refuses the commit:
    /// the next owner of those partitions then starts from the previous commit and processes the rest again, which at
    /// least once allows, so the thread carries on instead of failing. So it does while the group coordinator is
    /// unreachable (its broker down, moving): every commit carries all the thread's offsets, so the next one that
    /// succeeds covers these, unless it keeps failing for <see cref="TransientKafkaErrors.GiveUpAfter"/>.
    /// </summary>
    private void CommitOffsets(List<TopicPartitionOffset> offsets)
    {
        try
        {
            consumer.Commit(offsets);
            commitFailingSince = null;
        }
        catch (KafkaException e) when (Any(e, IsRebalanceError))
        {
            logger.LogWarning("Thread {Thread} could not commit offsets during a rebalance ({Reason}); their records will be processed again", Name, e.Error.Reason);
        }
        catch (KafkaException e) when (Any(e, TransientKafkaErrors.IsTransient) && !CommitFailingTooLong())
        {
            logger.LogWarning("Thread {Thread} could not commit offsets ({Reason}); the next commit carries them", Name, e.Error.Reason);
        }

        static bool IsRebalanceError(ErrorCode code) => code is ErrorCode.RebalanceInProgress or ErrorCode.IllegalGeneration or ErrorCode.UnknownMemberId;

        static bool Any(KafkaException e, Func<ErrorCode, bool> matches) =>
            matches(e.Error.Code) || (e is TopicPartitionOffsetException partial && partial.Results.Any(r => matches(r.Error.Code)));
    }

    private bool CommitFailingTooLong()
    {
        commitFailingSince ??= Environment.TickCount64;
        return Environment.TickCount64 - commitFailingSince > (long)TransientKafkaErrors.GiveUpAfter.TotalMilliseconds;
    }

    private void WriteCheckpoint(StreamTask task)
    {
        if (!checkpoints.TryGetValue(task.Id, out var offsets) || restoring.Contains(task.Id)) return;
        foreach (var (store, changelog) in task.ChangelogPartitions)
        {
            if (collector.NextOffset(changelog.Topic, changelog.Partition.Value) is { } next) offsets[(changelog.Topic, changelog.Partition.Value)] = next;
        }
        var persistent = task.ChangelogPartitions.Where(c => c.Store.Persistent).Select(c => (c.Changelog.Topic, c.Changelog.Partition.Value)).ToHashSet();
        if (persistent.Count == 0) return;
        Checkpoint.Write(task.Directory, offsets.Where(o => persistent.Contains(o.Key)).ToDictionary());
    }

    private void PublishLag()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var task in tasks.Values)
        {
            foreach (var store in task.Stores.Values)
                engine.Metrics.StoreSizes[(store.Name, task.Id.Partition)] = store.Bytes.ApproximateCount;
            foreach (var queue in task.Inputs)
            {
                var tp = new TopicPartition(queue.Topic, queue.Partition);
                var high = consumer.GetWatermarkOffsets(tp).High;
                if (high == Offset.Unset) continue;
                var current = queue.NextOffset >= 0 ? queue.NextOffset : consumer.Position(tp).Value - queue.Count;
                if (current < 0) continue;
                var lag = Math.Max(0, high.Value - current);
                var key = (queue.Topic, queue.Partition);
                double seconds;
                if (lag == 0)
                {
                    caughtUpAt[key] = now;
                    seconds = 0;
                }
                else
                {
                    var oldest = queue.Count > 0 ? queue.HeadTimestamp : caughtUpAt.GetValueOrDefault(key, now);
                    seconds = Math.Max(0, now - oldest) / 1000.0;
                }
                engine.Metrics.Gauges[(Config.ApplicationId, queue.Topic, queue.Partition)] = new StreamsMetrics.LagSnapshot(lag, seconds, current);
            }
        }
    }

    private void Shutdown()
    {
        try
        {
            foreach (var task in tasks.Values.ToList()) CloseTask(task, clean: !engine.Failed);
            PublishTasks();
            consumer?.Close();
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Stream thread {Thread} did not shut down cleanly", Name);
        }
        finally
        {
            consumer?.Dispose();
            otherGroup?.Dispose();
            restorer?.Dispose();
            collector?.Dispose();
        }
    }
}
