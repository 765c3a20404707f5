using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OrderStreams.Kafka.Clients;
using OrderStreams.Kafka.Topics;
using OrderStreams.Native;
using OrderStreams.Streams.Internals;
using OrderStreams.Streams.Internals.Engine;
using OrderStreams.Streams.Internals.State;
using OrderStreams.Streams.Processor;
using OrderStreams.Streams.Serialization;

namespace OrderStreams.Streams;

/// <summary>
/// Runs a <see cref="Topology"/> against a Kafka cluster with <see cref="StreamsConfig.NumStreamThreads"/> threads in one
/// consumer group (the application id). Start it, query its stores, close it.
/// </summary>
public sealed class KafkaStreams : IDisposable
{
    private readonly StreamsConfig config;
    private readonly Topology topology;
    private readonly ILogger logger;
    private readonly EngineContext engine;
    private readonly List<StreamThread> threads = [];
    private readonly Lock gate = new();
    private GlobalStreamThread? globalThread;
    private InstanceRegistry? registry;
    private readonly ManualResetEventSlim closed = new();
    private bool closing;
    private bool closedCleanly;
    private IReadOnlyDictionary<string, int> partitionCounts = new Dictionary<string, int>();

    /// <exception cref="StreamsException">The configuration is invalid or the topology cannot run with it.</exception>
    public KafkaStreams(Topology topology, StreamsConfig config)
    {
        config.Validate();
        topology.Validate(config);
        this.config = config;
        this.topology = topology;
        var loggerFactory = config.LoggerFactory ?? NullLoggerFactory.Instance;
        logger = loggerFactory.CreateLogger<KafkaStreams>();
        engine = new EngineContext(config, topology, loggerFactory, OnThreadFailed, OnAssignmentChanged);
    }

    public KafkaStreamsState State { get; private set; } = KafkaStreamsState.Created;

    /// <summary>
    /// True while <see cref="State"/> is <see cref="KafkaStreamsState.Running"/>, every stream thread has its partitions
    /// and no task is still restoring its stores: the instance is caught up with its state and processing (what a
    /// readiness probe waits for).
    /// </summary>
    public bool TasksRunning => State == KafkaStreamsState.Running && threads.Count > 0 && threads.All(t => t.TasksRunning);

    /// <summary>
    /// True when <see cref="StreamsConfig.ProcessUntil"/> is set, the tasks are running and every source partition of
    /// this instance is done with it: each user topic's partition got to its first record after the bound (or, having
    /// none yet, to the end offset it had when first checked), then each repartition topic's partition to its end.
    /// The stores and outputs are then the application's state as of the bound. Other instances report their own.
    /// </summary>
    public bool ProcessUntilReached => config.ProcessUntil is not null && TasksRunning && ProcessUntilRemaining == 0;

    /// <summary>Under <see cref="StreamsConfig.ProcessUntil"/>: source partitions of this instance not done with the bound; -1 while tasks are assigned or restored, 0 without a bound.</summary>
    public int ProcessUntilRemaining
    {
        get
        {
            if (config.ProcessUntil is null) return 0;
            var remaining = threads.Select(t => t.PartitionsBeforeBound).ToList();
            return !TasksRunning || remaining.Any(r => r < 0) ? -1 : remaining.Sum();
        }
    }

    /// <summary>The error that stopped the instance, when <see cref="State"/> is <see cref="KafkaStreamsState.Error"/>.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>Raised with (new state, old state) on every transition, on the thread causing it.</summary>
    public event Action<KafkaStreamsState, KafkaStreamsState>? StateChanged;

    /// <summary>
    /// Creates missing internal topics, checks co-partitioning, loads global tables, then starts the stream threads.
    /// Returns once processing has started; tasks are assigned and restored in the background.
    /// </summary>
    /// <exception cref="StreamsException">Source topics are missing or not co-partitioned, or a topic could not be created.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (State != KafkaStreamsState.Created) throw new InvalidOperationException($"KafkaStreams can be started once, from Created; it is {State}.");
            SetState(KafkaStreamsState.Rebalancing);
        }
        try
        {
            NativeLibraries.EnsureKafka();
            var ownAdmin = config.TopicAdmin is null ? TopicAdmin.Create(engine.Clients) : null;
            try
            {
                var admin = config.TopicAdmin ?? ownAdmin!;
                var extra = new List<string>();
                if (config.ApplicationServer is not null) extra.Add(InstanceRegistry.TopicFor(config.ApplicationId));
                partitionCounts = await InternalTopics.SetUpAsync(topology, config, admin, extra, cancellationToken);
                engine.PartitionCounts = partitionCounts;
                PinnedPartitionsPolicy.Validate(config, engine.SourceTopics, partitionCounts);
                if (config.DeadLetterQueueTopic is { } dlq)
                {
                    var existing = await admin.GetPartitionCountsAsync([dlq], cancellationToken);
                    if (existing.Count == 0)
                        await admin.EnsureTopicsAsync([new TopicSpec(dlq, 1, config.ReplicationFactor, "delete", -1, "", null, null, "Dead letters.")], cancellationToken);
                }
                if (topology.RepartitionTopics.Count > 0)
                {
                    engine.RepartitionPurge = new RepartitionPurge(admin, ownsAdmin: ownAdmin is not null, config.RepartitionPurgeInterval, logger);
                    ownAdmin = null;
                }
            }
            finally
            {
                ownAdmin?.Dispose();
            }
            if (topology.GlobalSubtopology is not null)
            {
                globalThread = new GlobalStreamThread(engine, partitionCounts);
                await Task.Run(() => globalThread.Bootstrap(cancellationToken), cancellationToken);
                engine.GlobalStores = globalThread.Stores;
                globalThread.Start();
            }
            if (config.ApplicationServer is not null) registry = new InstanceRegistry(engine);
            lock (gate)
            {
                for (var i = 0; i < config.NumStreamThreads; i++) threads.Add(new StreamThread(engine, i));
                foreach (var thread in threads) thread.Start();
                if (State == KafkaStreamsState.Rebalancing) SetState(KafkaStreamsState.Running);
            }
            if (config.ProcessUntil is { } bound)
                engine.Metrics.Bound = () => new StreamsMetrics.BoundSnapshot(bound, ProcessUntilRemaining, ProcessUntilReached);
            if (config.CompleteFrom is { } completeFrom) engine.Metrics.CompleteFrom = completeFrom;
            logger.LogInformation("Started {Application} with {Threads} stream thread(s)", config.ApplicationId, config.NumStreamThreads);
        }
        catch (Exception e)
        {
            Failure = e;
            lock (gate) SetState(KafkaStreamsState.Error);
            Close(TimeSpan.FromSeconds(10));
            throw e as StreamsException ?? new StreamsException($"Could not start '{config.ApplicationId}': {e.Message}", e);
        }
    }

    public void Start() => StartAsync().GetAwaiter().GetResult();

    /// <summary>Follows every store restoration of this instance; set it before starting.</summary>
    /// <exception cref="InvalidOperationException">The instance has already started.</exception>
    public void SetGlobalStateRestoreListener(IStateRestoreListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        lock (gate)
        {
            if (State != KafkaStreamsState.Created) throw new InvalidOperationException($"Set the restore listener before starting; the instance is {State}.");
            engine.RestoreListener = listener;
        }
    }

    /// <summary>This instance's stream threads and the tasks each one has now.</summary>
    public IReadOnlyList<ThreadMetadata> MetadataForLocalThreads()
    {
        lock (gate) return threads.Select(t => t.Metadata).ToList();
    }

    /// <summary>
    /// Stops processing: each thread commits, closes its tasks (writing checkpoints) and leaves the group. Returns false
    /// if a thread did not stop in time. Only the first call closes; later ones (the host's stop, then its disposal)
    /// wait for it, since the instance registry's and global thread's clients cannot be closed twice.
    /// </summary>
    public bool Close(TimeSpan? timeout = null)
    {
        var wait = timeout ?? TimeSpan.FromSeconds(30);
        bool closedBefore;
        lock (gate)
        {
            if (State == KafkaStreamsState.NotRunning && !closing) return true;
            closedBefore = closing;
            closing = true;
            if (!closedBefore && State != KafkaStreamsState.Error) SetState(KafkaStreamsState.PendingShutdown);
        }
        if (closedBefore) return closed.Wait(wait) && Volatile.Read(ref closedCleanly);
        var deadline = DateTime.UtcNow + wait;
        foreach (var thread in threads) thread.RequestStop();
        var stopped = threads.All(t => t.Join(Remaining(deadline)));
        registry?.Dispose();
        globalThread?.Dispose();
        engine.RepartitionPurge?.Dispose();
        engine.Metrics.Dispose();
        lock (gate)
        {
            if (State != KafkaStreamsState.Error) SetState(KafkaStreamsState.NotRunning);
            closedCleanly = stopped;
        }
        closed.Set();
        if (!stopped) logger.LogWarning("Some stream threads of {Application} did not stop within the close timeout", config.ApplicationId);
        return stopped;
    }

    public void Dispose() => Close();

    /// <summary>
    /// A read-only view of a store across this instance's tasks: ask for <c>IReadOnlyKeyValueStore&lt;K, V&gt;</c> or
    /// <c>IReadOnlyWindowStore&lt;K, V&gt;</c>. Only keys of partitions this instance owns are found; see <see cref="QueryMetadataForKey{K}"/>.
    /// A store partition that is still restoring refuses reads (see <see cref="Store{T}(StoreQueryParameters)"/>).
    /// </summary>
    /// <exception cref="InvalidStateStoreException">No local task holds the store yet (starting, rebalancing) or the type does not match.</exception>
    /// <exception cref="StoreRestoringException">A local partition of the store is restoring.</exception>
    public T Store<T>(string storeName) where T : class => Store<T>(new StoreQueryParameters(storeName));

    /// <summary>
    /// A read-only view of a store across this instance's tasks, or one partition's task. Unless
    /// <see cref="StoreQueryParameters.EnableStaleStores"/> is set, every read that touches a store partition still
    /// restoring from its changelog fails with <see cref="StoreRestoringException"/> (its content is partial); see
    /// <see cref="RestoringPartitions"/> for what a stale read covered.
    /// </summary>
    /// <exception cref="InvalidStateStoreException">No local task holds the store (or the partition) now, or the type differs.</exception>
    /// <exception cref="StoreRestoringException">A store partition the query touches is restoring.</exception>
    public T Store<T>(StoreQueryParameters parameters) where T : class
    {
        var storeName = parameters.StoreName;
        if (!topology.Stores.ContainsKey(storeName)) throw new InvalidStateStoreException($"The topology has no store named '{storeName}'.");
        IEnumerable<IStoreInstance> Instances()
        {
            if (engine.GlobalStores.TryGetValue(storeName, out var global)) return [global];
            var tasks = threads.SelectMany(t => t.ActiveTasks.Values)
                .Where(t => parameters.Partition is not { } p || t.Id.Partition == p)
                .ToList();
            if (!parameters.EnableStaleStores)
            {
                var partitions = tasks.Select(t => t.Id.Partition).ToHashSet();
                var restoring = RestoringPartitions(storeName).Where(r => partitions.Contains(r.Partition)).ToList();
                if (restoring.Count > 0) throw new StoreRestoringException(storeName, restoring);
            }
            return tasks.Select(t => t.Stores.GetValueOrDefault(storeName)).OfType<IStoreInstance>();
        }
        var first = Instances().FirstOrDefault()
            ?? throw new InvalidStateStoreException(parameters.Partition is { } partition
                ? $"Partition {partition} of store '{storeName}' is not on this instance now (state {State}); ask its owner or retry."
                : $"Store '{storeName}' is not available on this instance now (state {State}); retry after the rebalance.");
        return first.ReadOnlyView(Instances) as T
            ?? throw new InvalidStateStoreException($"Store '{storeName}' cannot be viewed as {typeof(T).Name}.");
    }

    /// <summary>This instance's partitions of the store that are restoring from the changelog now, with their progress.</summary>
    public IReadOnlyList<RestoreProgress> RestoringPartitions(string storeName) =>
        RestoringPartitions().Where(r => r.Store == storeName).ToList();

    /// <summary>This instance's store partitions that are restoring from their changelogs now, with their progress.</summary>
    public IReadOnlyList<RestoreProgress> RestoringPartitions() =>
        threads.SelectMany(t => t.RestoreProgress).OrderBy(r => r.Store).ThenBy(r => r.Partition).ToList();

    /// <summary>How many partitions (tasks) the store is split into: a query over all its keys needs every one answered.</summary>
    /// <exception cref="InvalidStateStoreException">The instance has not started, so partition counts are unknown.</exception>
    public int PartitionCount(string storeName)
    {
        var sub = topology.SubtopologyOfStore(storeName);
        var source = sub.SourceTopics[0].Resolve(config.ApplicationId);
        return partitionCounts.TryGetValue(source, out var count)
            ? count
            : throw new InvalidStateStoreException($"'{config.ApplicationId}' has not started; partition counts are unknown.");
    }

    /// <summary>The partition of <paramref name="key"/> in the store's sub-topology and the instance owning it (requires <see cref="StreamsConfig.ApplicationServer"/>).</summary>
    public KeyQueryMetadata QueryMetadataForKey<K>(string storeName, K key, ISerde<K> keySerde)
    {
        var sub = topology.SubtopologyOfStore(storeName);
        var source = sub.SourceTopics[0].Resolve(config.ApplicationId);
        var count = PartitionCount(storeName);
        var bytes = keySerde.Serialize(key, new SerdeContext(source, null, true));
        var partition = KafkaClientDefaults.PartitionFor(bytes, count);
        var local = threads.Any(t => t.ActiveTasks.Keys.Any(id => id.Subtopology == sub.Id && id.Partition == partition));
        return new KeyQueryMetadata(partition, registry?.Owner(partition)) { IsLocal = local };
    }

    /// <summary>
    /// The instances of the application that own partitions now (requires <see cref="StreamsConfig.ApplicationServer"/>):
    /// the newest claim on each partition wins, and an instance whose heartbeat stopped (a crash) owns nothing, so a
    /// query spread over all partitions asks exactly these. A partition missing from every entry has no live owner
    /// right now (see <see cref="PartitionCount"/>).
    /// </summary>
    public IReadOnlyList<StreamsMetadata> AllMetadata() => registry?.All() ?? [];

    private static TimeSpan Remaining(DateTime deadline) => deadline - DateTime.UtcNow is { Ticks: > 0 } left ? left : TimeSpan.Zero;

    private void OnThreadFailed(string threadName, Exception error)
    {
        lock (gate)
        {
            if (State == KafkaStreamsState.Error) return;
            Failure = error;
            engine.Failed = true;
            SetState(KafkaStreamsState.Error);
        }
        logger.LogError(error, "Stopping {Application}: thread {Thread} failed", config.ApplicationId, threadName);
        foreach (var other in threads) other.RequestStop();
    }

    private void OnAssignmentChanged() =>
        registry?.Publish(threads.SelectMany(t => t.ActiveTasks.Keys).Select(id => id.Partition));

    private void SetState(KafkaStreamsState next)
    {
        var previous = State;
        if (previous == next) return;
        State = next;
        StateChanged?.Invoke(next, previous);
    }
}
