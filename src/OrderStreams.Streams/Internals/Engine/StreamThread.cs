using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using OrderStreams.Kafka.Clients;
using OrderStreams.Streams.Internals.Runtime;
using OrderStreams.Streams.Processor;

namespace OrderStreams.Streams.Internals.Engine;

/// <summary>
/// One consumer in the application's group and the loop that drives its tasks (<see cref="TaskManager"/>): poll
/// (draining with zero timeouts), restore or process, punctuate, commit every commit interval.
/// </summary>
internal sealed class StreamThread
{
    private readonly EngineContext engine;
    private readonly int index;
    private readonly ILogger logger;
    private readonly Thread thread;
    private readonly List<IThreadPolicy> policies = [];
    private ThreadClients clients = null!;
    private TaskManager tasks = null!;
    private ProcessUntilPolicy? processUntil;
    private PinnedPartitionsPolicy? pinned;
    private volatile bool running = true;
    private long lastTick;

    public StreamThread(EngineContext engine, int index)
    {
        this.engine = engine;
        this.index = index;
        logger = engine.LoggerFactory.CreateLogger($"OrderStreams.Streams.StreamThread-{index}");
        thread = new Thread(Run) { Name = $"{engine.Config.ApplicationId}-StreamThread-{index}", IsBackground = true };
    }

    public string Name => thread.Name!;

    /// <summary>Local tasks and their stores; read by interactive queries.</summary>
    public IReadOnlyDictionary<TaskId, StreamTask> ActiveTasks => tasks?.ActiveTasks ?? new Dictionary<TaskId, StreamTask>();

    /// <summary>A snapshot for other threads, replaced whenever tasks come, go or finish restoring.</summary>
    public ThreadMetadata Metadata => tasks?.Metadata ?? new ThreadMetadata(Name, []);

    /// <summary>Store partitions of this thread's tasks that are restoring, and how far each is.</summary>
    public IReadOnlyList<RestoreProgress> RestoreProgress => clients?.Restorer.Progress ?? [];

    /// <summary>True once the thread has its partitions and none of its tasks is still restoring state.</summary>
    public bool TasksRunning => tasks?.Running ?? false;

    /// <summary>Under <see cref="StreamsConfig.ProcessUntil"/>: source partitions not yet done (<see cref="ProcessUntilPolicy"/>).</summary>
    public int PartitionsBeforeBound => processUntil?.PartitionsBeforeBound ?? -1;

    public void Start() => thread.Start();

    public void RequestStop() => running = false;

    public bool Join(TimeSpan timeout) => thread.Join(timeout);

    private StreamsConfig Config => engine.Config;

    private void Run()
    {
        try
        {
            CreateClients();
            if (pinned is not null && Config.AssignedPartitions is not null) pinned.AssignPinnedPartitions(partitions => OnAssigned(partitions));
            else clients.Consumer.Subscribe(engine.SourceTopics);
            while (running) RunOnce();
            tasks.Commit();
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
        clients = ThreadClients.Create(engine, index, logger, builder => builder
            .SetPartitionsAssignedHandler((_, partitions) => OnAssigned(partitions))
            .SetPartitionsRevokedHandler((_, partitions) => OnRevoked(partitions, clean: true))
            .SetPartitionsLostHandler((_, partitions) => OnRevoked(partitions, clean: false)));
        tasks = new TaskManager(engine, Name, logger, clients);
        if (Config.ProcessUntil is not null) policies.Add(processUntil = new ProcessUntilPolicy(engine, index, Name, logger, tasks, clients.Consumer));
        if (Config.AssignedPartitions is not null || Config.ExcludedPartitions is not null)
            policies.Add(pinned = new PinnedPartitionsPolicy(engine, index, Name, logger, tasks, clients.Consumer));
    }

    private void RunOnce()
    {
        // While outputs wait for changelog acknowledgements, take only what is fetched already and wait for those below.
        var polled = Poll(clients.Restorer.Restoring || clients.Collector.HoldsOutputs ? TimeSpan.Zero : Config.PollTimeout);
        tasks.RefreshEnds(SystemClock.Instance.NowMs);
        if (clients.Restorer.Restoring) tasks.Restore();
        tasks.Process();
        var punctuateAt = SystemClock.Instance.NowMs;
        foreach (var policy in policies) punctuateAt = policy.PunctuationTime(punctuateAt);
        tasks.Punctuate(punctuateAt);
        // Outputs wait for the state changes written before them (KafkaRecordCollector), without holding up processing.
        clients.Collector.ReleaseOutputs();
        if (!polled && !clients.Restorer.Restoring && clients.Collector.HoldsOutputs) clients.Collector.ReleaseOutputsWhenAcknowledged();
        tasks.ResumeRestoredInputs();
        if (tasks.CommitIfDue())
        {
            foreach (var policy in policies) policy.Committed();
        }
        var now = Environment.TickCount64;
        if (now - lastTick >= 1000)
        {
            tasks.PublishGauges();
            foreach (var policy in policies) policy.Tick();
            lastTick = now;
        }
    }

    /// <summary>
    /// Takes up to <see cref="StreamsConfig.MaxPollRecords"/> records, stopping early when a partition's buffer is full:
    /// the rest stays in librdkafka's fetch queue. (Pausing the partition instead would make librdkafka drop what it
    /// has prefetched and fetch it again after the resume.) Returns whether anything came.
    /// </summary>
    private bool Poll(TimeSpan timeout)
    {
        var record = clients.Consumer.ConsumeOrNull(timeout, FetchFailed);
        var polled = record is not null;
        for (var taken = 1; record is not null; taken++)
        {
            if (!tasks.TryGetPartition(record.Topic, record.Partition.Value, out var input))
            {
                if (!record.IsPartitionEOF && !policies.Any(p => p.Polled(record)))
                    throw new StreamsException($"Received a record of {record.TopicPartition}, which belongs to no task of thread {Name}.");
            }
            else if (record.IsPartitionEOF)
            {
                input.Queue.ReachedEnd(record.Offset.Value);
            }
            else if (Admitted(input, record))
            {
                var queue = input.Task.Add(record);
                // Unless the task waits for another of its partitions: that one's records may be queued behind these.
                if (queue.Count >= Config.BufferedRecordsPerPartition && input.Task.WaitingSince is null) break;
            }
            if (taken >= Config.MaxPollRecords) break;
            record = clients.Consumer.ConsumeOrNull(TimeSpan.Zero, FetchFailed);
        }
        return polled;
    }

    /// <summary>Whether every policy lets the task take the record; a loop, not a lambda, on this per-record path.</summary>
    private bool Admitted(InputPartition input, ConsumeResult<byte[], byte[]> record)
    {
        foreach (var policy in policies)
        {
            if (!policy.Admits(input, record)) return false;
        }
        return true;
    }

    private void FetchFailed(ConsumeException e) => logger.LogWarning("Thread {Thread}: {Reason}; fetching again", Name, e.Error.Reason);

    private IEnumerable<TopicPartitionOffset> OnAssigned(List<TopicPartition> partitions)
    {
        logger.LogInformation("Thread {Thread} assigned {Partitions}", Name, string.Join(", ", partitions));
        IReadOnlyList<TopicPartition> ours = partitions;
        foreach (var policy in policies) ours = policy.Assigned(ours);
        tasks.Assign(ours);
        engine.OnAssignmentChanged();
        return partitions.Select(p => new TopicPartitionOffset(p, Offset.Unset));
    }

    private void OnRevoked(List<TopicPartitionOffset> partitions, bool clean)
    {
        var revoked = partitions.Select(p => p.TopicPartition).ToList();
        logger.LogInformation("Thread {Thread} revoked {Partitions} ({Mode})", Name, string.Join(", ", revoked), clean ? "clean" : "lost");
        foreach (var policy in policies) policy.Revoking(revoked, clean);
        tasks.Revoke(revoked, clean);
        engine.OnAssignmentChanged();
    }

    private void Shutdown()
    {
        try
        {
            tasks?.CloseAll(clean: !engine.Failed);
            clients?.Consumer.Close();
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Stream thread {Thread} did not shut down cleanly", Name);
        }
        finally
        {
            foreach (var policy in policies) policy.Dispose();
            clients?.Dispose();
        }
    }
}
