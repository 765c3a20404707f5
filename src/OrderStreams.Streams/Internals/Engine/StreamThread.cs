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
    private const long CheckpointEveryRecords = 1_000;

    private readonly EngineContext engine;
    private readonly int index;
    private readonly ILogger logger;
    private readonly Dictionary<TaskId, StreamTask> tasks = [];
    private readonly Dictionary<(string Topic, int Partition), StreamTask> byPartition = [];
    private readonly HashSet<TaskId> restoring = [];
    private readonly HashSet<(string Topic, int Partition)> paused = [];
    private readonly Dictionary<TaskId, Dictionary<(string Topic, int Partition), long>> checkpoints = [];
    private readonly Dictionary<(string Topic, int Partition), long> caughtUpAt = [];
    private readonly Thread thread;
    private readonly ErrorHandler errors;
    private IConsumer<byte[], byte[]> consumer = null!;
    private KafkaRecordCollector collector = null!;
    private StateRestorer restorer = null!;
    private volatile bool running = true;
    private volatile bool awaitingAssignment = true;
    private volatile int restoringCount;
    private long lastCommit;
    private long lastGauges;

    public StreamThread(EngineContext engine, int index)
    {
        this.engine = engine;
        this.index = index;
        logger = engine.LoggerFactory.CreateLogger($"OrderStreams.Streams.StreamThread-{index}");
        errors = new ErrorHandler(engine.Config, logger);
        thread = new Thread(Run) { Name = $"{engine.Config.ApplicationId}-StreamThread-{index}", IsBackground = true };
    }

    public string Name => thread.Name!;

    /// <summary>Local tasks and their stores; read by interactive queries (the dictionary is replaced, never mutated, so reads need no lock).</summary>
    public IReadOnlyDictionary<TaskId, StreamTask> ActiveTasks { get; private set; } = new Dictionary<TaskId, StreamTask>();

    /// <summary>True once the thread has its partitions and none of its tasks is still restoring state.</summary>
    public bool TasksRunning => !awaitingAssignment && restoringCount == 0;

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
            consumer.Subscribe(engine.SourceTopics);
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
        var consumerConfig = new ConsumerConfig(engine.ClientSettings)
        {
            BootstrapServers = Config.BootstrapServers,
            GroupId = Config.ApplicationId,
            ClientId = $"{clientId}-consumer",
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.Range,
            IsolationLevel = ExactlyOnce ? IsolationLevel.ReadCommitted : IsolationLevel.ReadUncommitted,
        };
        consumer = new ConsumerBuilder<byte[], byte[]>(consumerConfig)
            .SetPartitionsAssignedHandler((_, partitions) => OnAssigned(partitions))
            .SetPartitionsRevokedHandler((_, partitions) => OnRevoked(partitions, commit: true))
            .SetPartitionsLostHandler((_, partitions) => OnRevoked(partitions, commit: false))
            .Build();

        var producerConfig = KafkaClientDefaults.Producer(engine.ClientSettings);
        producerConfig.BootstrapServers = Config.BootstrapServers;
        producerConfig.ClientId = $"{clientId}-producer";
        if (ExactlyOnce) producerConfig.TransactionalId = $"{Config.ApplicationId}-{engine.ProcessId}-{index}";
        collector = new KafkaRecordCollector(producerConfig, errors, ExactlyOnce);
        errors.DeadLetterSink = collector;

        var restoreConfig = new ConsumerConfig(engine.ClientSettings)
        {
            BootstrapServers = Config.BootstrapServers,
            GroupId = $"{Config.ApplicationId}-restore",
            ClientId = $"{clientId}-restore-consumer",
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnablePartitionEof = true,
            IsolationLevel = ExactlyOnce ? IsolationLevel.ReadCommitted : IsolationLevel.ReadUncommitted,
            FetchMaxBytes = 64 * 1024 * 1024,
            MaxPartitionFetchBytes = 8 * 1024 * 1024,
        };
        restorer = new StateRestorer(restoreConfig, Config.ApplicationId, Config.RestoreBatchSize, logger);
    }

    private void RunOnce()
    {
        Poll(restorer.Restoring ? TimeSpan.Zero : Config.PollTimeout);
        if (restorer.Restoring)
        {
            PauseRestoringInputs();
            foreach (var task in restorer.RestoreBatch(TimeSpan.FromMilliseconds(50), checkpoints)) StartProcessing(task);
        }
        ProcessBuffered();
        foreach (var task in tasks.Values)
        {
            if (!restoring.Contains(task.Id)) task.PunctuateWallClock();
        }
        ResumeDrainedPartitions();
        var now = Environment.TickCount64;
        if (now - lastCommit >= (long)Config.EffectiveCommitInterval.TotalMilliseconds || tasks.Values.Any(t => t.CommitRequested))
        {
            CommitAll();
            lastCommit = now;
        }
        if (now - lastGauges >= 1000)
        {
            PublishLag();
            lastGauges = now;
        }
    }

    private void Poll(TimeSpan timeout)
    {
        var record = consumer.Consume(timeout);
        for (var taken = 0; record is not null; taken++)
        {
            if (!byPartition.TryGetValue((record.Topic, record.Partition.Value), out var task))
                throw new StreamsException($"Received a record of {record.TopicPartition}, which belongs to no task of thread {Name}.");
            var queue = task.Add(record);
            if (queue.Count >= Config.BufferedRecordsPerPartition && paused.Add((record.Topic, record.Partition.Value)))
                consumer.Pause([record.TopicPartition]);
            if (taken + 1 >= Config.MaxPollRecords) break;
            record = consumer.Consume(TimeSpan.Zero);
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

    private void ResumeDrainedPartitions()
    {
        if (paused.Count == 0) return;
        var resume = paused
            .Where(p => byPartition.TryGetValue(p, out var task) && !restoring.Contains(task.Id) && task.Queue(p.Topic, p.Partition).Count < Config.BufferedRecordsPerPartition / 2)
            .ToList();
        if (resume.Count == 0) return;
        consumer.Resume(resume.Select(p => new TopicPartition(p.Topic, p.Partition)).ToList());
        foreach (var p in resume) paused.Remove(p);
    }

    private IEnumerable<TopicPartitionOffset> OnAssigned(List<TopicPartition> partitions)
    {
        logger.LogInformation("Thread {Thread} assigned {Partitions}", Name, string.Join(", ", partitions));
        foreach (var group in partitions.GroupBy(p => new TaskId(engine.SubtopologyOf(p.Topic), p.Partition.Value)))
        {
            var subtopology = engine.Topology.Subtopologies[group.Key.Subtopology];
            var task = new StreamTask(group.Key, engine.Topology, subtopology, Config, collector, errors, SystemClock.Instance, group, engine.GlobalStores);
            task.InitializeStores();
            var checkpoint = Checkpoint.Read(task.Directory);
            checkpoints[task.Id] = checkpoint;
            tasks[task.Id] = task;
            foreach (var p in group) byPartition[(p.Topic, p.Partition.Value)] = task;
            foreach (var store in task.Stores.Values)
                StreamsMetrics.StoreSizes[(Config.ApplicationId, store.Name, task.Id.Partition)] = () => store.Bytes.ApproximateCount;
            if (restorer.Register(task, checkpoint))
            {
                restoring.Add(task.Id);
            }
            else
            {
                StartProcessing(task);
            }
        }
        restoringCount = restoring.Count;
        awaitingAssignment = false;
        ActiveTasks = new Dictionary<TaskId, StreamTask>(tasks);
        engine.OnAssignmentChanged();
        return partitions.Select(p => new TopicPartitionOffset(p, Offset.Unset));
    }

    private void StartProcessing(StreamTask task)
    {
        restoring.Remove(task.Id);
        restoringCount = restoring.Count;
        // Under exactly once, local state may run ahead of committed transactions after a crash; without a checkpoint
        // the next start restores from scratch. The checkpoint is written again on clean close.
        if (ExactlyOnce) Checkpoint.Delete(task.Directory);
        task.InitializeTopology();
        logger.LogInformation("Task {Task} is running", task.Id);
    }

    private void OnRevoked(List<TopicPartitionOffset> partitions, bool commit)
    {
        logger.LogInformation("Thread {Thread} revoked {Partitions} ({Mode})", Name, string.Join(", ", partitions.Select(p => p.TopicPartition)), commit ? "clean" : "lost");
        var revoked = partitions.Select(p => byPartition.GetValueOrDefault((p.Topic, p.Partition.Value))).OfType<StreamTask>().Distinct().ToList();
        if (commit) CommitAll();
        else if (ExactlyOnce) collector.AbortTransaction();
        foreach (var task in revoked) CloseTask(task, clean: commit);
        // Eager rebalancing revokes everything before the new assignment arrives.
        awaitingAssignment = tasks.Count == 0;
        ActiveTasks = new Dictionary<TaskId, StreamTask>(tasks);
        engine.OnAssignmentChanged();
    }

    private void CloseTask(StreamTask task, bool clean)
    {
        restorer.Remove(task);
        restoring.Remove(task.Id);
        restoringCount = restoring.Count;
        tasks.Remove(task.Id);
        foreach (var input in task.Inputs)
        {
            byPartition.Remove((input.Topic, input.Partition));
            paused.Remove((input.Topic, input.Partition));
            caughtUpAt.Remove((input.Topic, input.Partition));
            StreamsMetrics.Gauges.TryRemove((Config.ApplicationId, input.Topic, input.Partition), out _);
        }
        foreach (var store in task.Stores.Values) StreamsMetrics.StoreSizes.TryRemove((Config.ApplicationId, store.Name, task.Id.Partition), out _);
        task.Dispose();
        if (clean) WriteCheckpoint(task);
        checkpoints.Remove(task.Id);
    }

    /// <summary>Flush the producer (outputs and changelogs delivered), flush stores, checkpoint, then commit input offsets.</summary>
    private void CommitAll()
    {
        if (!tasks.Values.Any(t => t.CommitNeeded)) return;
        var started = Stopwatch.GetTimestamp();
        var offsets = tasks.Values.SelectMany(t => t.CommittableOffsets()).ToList();
        if (ExactlyOnce)
        {
            collector.CommitTransaction(offsets, consumer.ConsumerGroupMetadata);
            foreach (var task in tasks.Values) task.FlushStores();
        }
        else
        {
            collector.Flush();
            foreach (var task in tasks.Values.Where(CheckpointDue))
            {
                task.FlushStores();
                WriteCheckpoint(task);
            }
            if (offsets.Count > 0) CommitOffsets(offsets);
        }
        foreach (var task in tasks.Values) task.MarkCommitted();
        StreamsMetrics.Committed(Config.ApplicationId, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>
    /// A commit the group refuses because it is rebalancing (a member joined or left) is not fatal: the partitions
    /// that stay are committed next time, and the records since the last commit of those that move are processed
    /// again by their new owner, as at least once allows.
    /// </summary>
    private void CommitOffsets(List<TopicPartitionOffset> offsets)
    {
        try
        {
            consumer.Commit(offsets);
        }
        catch (KafkaException e) when (e.Error.Code is ErrorCode.RebalanceInProgress or ErrorCode.IllegalGeneration or ErrorCode.UnknownMemberId)
        {
            logger.LogWarning("Thread {Thread} could not commit {Count} offsets while the group rebalances ({Reason}); they are committed after the rebalance", Name, offsets.Count, e.Error.Reason);
        }
    }

    /// <summary>
    /// A checkpoint costs a flush of every store of the task (memtables to table files, the WAL being off), which on a
    /// busy disk takes long enough to stall the thread at every commit. So, as Kafka Streams does, a task checkpoints
    /// once its changelogs moved <see cref="CheckpointEveryRecords"/> past the last checkpoint, and when it closes: a
    /// restart after a crash restores at most that tail, well within what the embedded broker retains.
    /// </summary>
    private bool CheckpointDue(StreamTask task)
    {
        if (!task.CommitNeeded || !checkpoints.TryGetValue(task.Id, out var offsets)) return false;
        return task.ChangelogPartitions.Any(c =>
            collector.NextOffset(c.Changelog.Topic, c.Changelog.Partition.Value) is { } next
            && next - offsets.GetValueOrDefault((c.Changelog.Topic, c.Changelog.Partition.Value)) >= CheckpointEveryRecords);
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
                StreamsMetrics.Gauges[(Config.ApplicationId, queue.Topic, queue.Partition)] = new StreamsMetrics.LagSnapshot(lag, seconds, current);
            }
        }
    }

    private void Shutdown()
    {
        try
        {
            foreach (var task in tasks.Values.ToList()) CloseTask(task, clean: !engine.Failed);
            ActiveTasks = new Dictionary<TaskId, StreamTask>();
            consumer?.Close();
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Stream thread {Thread} did not shut down cleanly", Name);
        }
        finally
        {
            consumer?.Dispose();
            restorer?.Dispose();
            collector?.Dispose();
        }
    }
}
