using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OrderStreams.Streams.Internals.State;
using OrderStreams.Streams.Internals.State.RocksDb;
using OrderStreams.Streams.Internals.Graph;
using OrderStreams.Streams.Internals.Tracing;
using OrderStreams.Streams.Processor;

namespace OrderStreams.Streams.Internals.Runtime;

/// <summary>
/// One sub-topology over one partition number: its node instances, stores, input buffers, stream time and punctuations.
/// Shared by the engine and the test driver; it knows nothing of consumers.
/// </summary>
internal sealed class StreamTask : IChangelogWriter, ITaskRecordContext, IDisposable
{
    private readonly List<ProcessorNode> nodes = [];
    private readonly Dictionary<(string Topic, int Partition), PartitionQueue> queues = [];
    private readonly PartitionQueue[] queueArray;
    private readonly Dictionary<string, IStoreInstance> stores = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, IStoreInstance> globalStores;
    private readonly RocksDbStoreSettings? rocksDb;
    private readonly List<Punctuation> punctuations = [];
    private readonly Dictionary<string, SourceNode> sourcesByTopic = new(StringComparer.Ordinal);
    private readonly bool isGlobal;
    private readonly RecordCache? cache;
    private readonly long? processUntil;
    private readonly MisplacedRecords? misplaced;
    private readonly StreamsMetrics? metrics;
    private long recordTimestamp;
    private Headers? currentHeaders;
    private Activity? processing;
    private bool commitRequested;
    private bool boundReached;
    private bool topologyInitialized;

    public StreamTask(
        TaskId id,
        Topology topology,
        Subtopology subtopology,
        StreamsConfig config,
        IRecordCollector collector,
        IClock clock,
        IEnumerable<TopicPartition> inputs,
        IReadOnlyDictionary<string, IStoreInstance>? globalStores = null,
        RecordCache? cache = null,
        RocksDbStoreSettings? rocksDb = null,
        StreamsMetrics? metrics = null)
    {
        this.metrics = metrics;
        this.cache = cache;
        this.rocksDb = rocksDb;
        Id = id;
        ApplicationId = config.ApplicationId;
        Collector = collector;
        Clock = clock;
        isGlobal = subtopology.Id < 0;
        processUntil = config.ProcessUntilMs;
        if (config.KeyOwnership is { } ownership && subtopology.Id >= 0)
        {
            var logger = (config.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<MisplacedRecords>();
            misplaced = new MisplacedRecords(ownership, config.ApplicationId, collector, logger, metrics);
        }
        this.globalStores = globalStores ?? new Dictionary<string, IStoreInstance>();
        Directory = isGlobal ? Path.Combine(config.StateDir, config.ApplicationId, "global") : Path.Combine(config.StateDir, config.ApplicationId, id.ToString());

        var byName = new Dictionary<string, ProcessorNode>(StringComparer.Ordinal);
        foreach (var name in subtopology.NodeNames)
        {
            var definition = topology.Nodes[name];
            var node = definition.Create(config);
            byName[name] = node;
            nodes.Add(node);
            if (definition is SourceDefinition source)
            {
                foreach (var topic in source.Topics) sourcesByTopic[topic.Resolve(config.ApplicationId)] = (SourceNode)node;
            }
        }
        foreach (var node in nodes)
        {
            foreach (var child in topology.Nodes[node.Name].Children)
            {
                if (byName.TryGetValue(child, out var childNode)) node.Children.Add(childNode);
            }
        }
        foreach (var input in inputs)
        {
            if (!sourcesByTopic.TryGetValue(input.Topic, out var sourceNode))
                throw new TopologyException($"Task {id} has no source node for topic '{input.Topic}'.");
            queues[(input.Topic, input.Partition.Value)] = new PartitionQueue(input.Topic, input.Partition.Value, sourceNode);
        }
        queueArray = queues.Values.ToArray();
        foreach (var storeName in subtopology.StoreNames) stores[storeName] = topology.Stores[storeName].Build(config);
    }

    public TaskId Id { get; }

    public string ApplicationId { get; }

    public IRecordCollector Collector { get; }

    public ErrorHandler Errors => Collector.Errors;

    public IClock Clock { get; }

    public string Directory { get; }

    public long StreamTime { get; private set; } = long.MinValue;

    public RecordMetadata? CurrentMetadata { get; private set; }

    /// <summary>The headers of the record being processed (of the cached write being flushed); null in a punctuation.</summary>
    public Headers? CurrentHeaders => currentHeaders;

    /// <summary>The span processing the current record, when traced.</summary>
    public Activity? Processing => processing;

    /// <summary>The W3C trace context the current record is processed in: its span's, else the one it came with.</summary>
    public string? CurrentTraceParent => processing?.Id ?? RecordTracing.TraceParentOf(currentHeaders);

    public IReadOnlyDictionary<string, IStoreInstance> Stores => stores;

    public IEnumerable<PartitionQueue> Inputs => queueArray;

    public int InputCount => queueArray.Length;

    public int Buffered
    {
        get
        {
            var total = 0;
            foreach (var queue in queueArray) total += queue.Count;
            return total;
        }
    }

    /// <summary>
    /// Wall-clock time (ms) since which the task has been caught up with its input and got no record; null while it is
    /// not. See <see cref="IProcessorContext{KOut,VOut}.CaughtUpSince"/> and <see cref="CheckCaughtUp"/>.
    /// </summary>
    public long? CaughtUpSince { get; private set; }

    /// <summary>Processed records or a requested commit since the last commit.</summary>
    public bool CommitNeeded { get; private set; }

    public bool CommitRequested => commitRequested;

    /// <summary>The changelog partition of each logged store (none for global tasks, whose stores restore from their source topic).</summary>
    public IEnumerable<(IStoreInstance Store, TopicPartition Changelog)> ChangelogPartitions =>
        isGlobal
            ? []
            : stores.Values.Where(s => s.LoggingEnabled)
                .Select(s => (s, new TopicPartition(Streams.Topology.ChangelogTopic(ApplicationId, s.Name), Id.Partition)));

    public void InitializeStores()
    {
        foreach (var store in stores.Values)
        {
            store.Init(new StoreContext(
                Path.Combine(Directory, store.Name),
                Streams.Topology.ChangelogTopic(ApplicationId, store.Name),
                Id.Partition,
                isGlobal || !store.LoggingEnabled ? null : this,
                () => recordTimestamp,
                () => StreamTime,
                isGlobal ? null : cache,
                this,
                rocksDb));
        }
    }

    public void InitializeTopology()
    {
        foreach (var node in nodes) node.Init(this);
        topologyInitialized = true;
    }

    public PartitionQueue Add(ConsumeResult<byte[], byte[]> record)
    {
        var queue = queues[(record.Topic, record.Partition.Value)];
        queue.Add(record);
        CaughtUpSince = null;
        return queue;
    }

    /// <summary>
    /// Notes whether the task is caught up now: every input partition read and processed to the end last fetched from
    /// a broker that still answers (<see cref="PartitionQueue.CaughtUp"/>).
    /// </summary>
    public void CheckCaughtUp()
    {
        if (queueArray.All(queue => queue.CaughtUp)) CaughtUpSince ??= Clock.NowMs;
        else CaughtUpSince = null;
    }

    public PartitionQueue Queue(string topic, int partition) => queues[(topic, partition)];

    /// <summary>
    /// Processes the buffered record with the lowest timestamp across the task's partitions; false when none is
    /// buffered or the task waits for a partition that is not caught up (<see cref="InputsReady"/>).
    /// </summary>
    public bool Process()
    {
        PartitionQueue? next;
        while (true)
        {
            next = null;
            foreach (var queue in queueArray)
            {
                if (queue.Count > 0 && (next is null || queue.HeadTimestamp < next.HeadTimestamp)) next = queue;
            }
            if (next is null)
            {
                WaitingSince = null;
                return false;
            }
            if (!isGlobal && !InputsReady()) return false;
            if (processUntil is not { } bound || next.HeadTimestamp <= bound) break;
            SkipAfterBound(next);
        }

        var raw = next.Take();
        var started = Stopwatch.GetTimestamp();
        CurrentMetadata = new RecordMetadata(raw.Topic, raw.Partition.Value, raw.Offset.Value);
        currentHeaders = raw.Message.Headers;
        // Ends before the punctuations below: what they emit belongs to no record's trace.
        var span = isGlobal ? default : RecordTracing.StartProcess(raw, ApplicationId);
        processing = span.Span;
        try
        {
            if (misplaced?.Handled(raw, Id) != true) next.Source.Process(raw, this);
        }
        catch (Exception e) when (e is not (StreamsException or OperationCanceledException))
        {
            Errors.OnProcessingError(raw, e, Id);
        }
        finally
        {
            CurrentMetadata = null;
            currentHeaders = null;
            processing = null;
            span.Dispose();
        }
        next.NextOffset = raw.Offset.Value + 1;
        CommitNeeded = true;
        metrics?.RecordProcessed(next.Topic, next.BoxedPartition, Stopwatch.GetElapsedTime(started));
        PunctuateStreamTime();
        return true;
    }

    /// <summary>
    /// Whether the lowest timestamp buffered is the lowest there is: every empty input partition is caught up (or
    /// stopped at its bound). As Kafka Streams does with <c>max.task.idle.ms=0</c>, a task waits for a partition the
    /// broker has records of; otherwise, after a task moves to another instance, an order could reach a join before
    /// the table update that precedes it.
    /// </summary>
    private bool InputsReady()
    {
        if (queueArray.Length == 1) return true;
        foreach (var queue in queueArray)
        {
            if (queue.Count == 0 && !queue.CaughtUp)
            {
                WaitingSince ??= Environment.TickCount64;
                return false;
            }
        }
        WaitingSince = null;
        return true;
    }

    /// <summary>Since when (<see cref="Environment.TickCount64"/>) the task waits for a partition that is not caught up; null when it does not.</summary>
    public long? WaitingSince { get; private set; }

    /// <summary>True when <see cref="StreamsConfig.ProcessUntil"/> is set and some input partition reached it since the last call.</summary>
    public bool TakeReachedBound()
    {
        var reached = boundReached;
        boundReached = false;
        return reached;
    }

    /// <summary>
    /// A record after <see cref="StreamsConfig.ProcessUntil"/>: a global table skips it (it loads every record up to
    /// the bound, as reference data as of then); a task's partition stops there, and the commit records where.
    /// </summary>
    private void SkipAfterBound(PartitionQueue queue)
    {
        if (isGlobal)
        {
            queue.NextOffset = queue.Take().Offset.Value + 1;
            return;
        }
        queue.StopAtHead();
        CommitNeeded = true;
        commitRequested = true;
        boundReached = true;
    }

    /// <summary>Called by source nodes once a record's timestamp is known.</summary>
    public void BeginRecord(long timestamp)
    {
        recordTimestamp = timestamp;
        if (timestamp > StreamTime) StreamTime = timestamp;
    }

    public IStoreInstance Store(string name, string nodeName, IReadOnlyList<string> connected)
    {
        if (globalStores.TryGetValue(name, out var global)) return global;
        if (connected.Contains(name) && stores.TryGetValue(name, out var store)) return store;
        throw new TopologyException($"Processor '{nodeName}' asked for store '{name}', which is not connected to it (connected: {string.Join(", ", connected)}).");
    }

    public IDisposable Schedule(TimeSpan interval, PunctuationType type, Punctuator punctuator)
    {
        var intervalMs = (long)interval.TotalMilliseconds;
        if (intervalMs < 1) throw new ArgumentOutOfRangeException(nameof(interval), interval, "Punctuation intervals must be at least 1 ms.");
        var punctuation = new Punctuation(intervalMs, type, punctuator, type == PunctuationType.WallClockTime ? Clock.NowMs + intervalMs : long.MinValue);
        punctuations.Add(punctuation);
        return punctuation;
    }

    public void RequestCommit() => commitRequested = true;

    public bool PunctuateStreamTime() => StreamTime != long.MinValue && Punctuate(PunctuationType.StreamTime, StreamTime);

    /// <summary>Fires due wall-clock punctuations; a replay to <see cref="StreamsConfig.ProcessUntil"/> sees the clock stop at the bound.</summary>
    public bool PunctuateWallClock() => Punctuate(PunctuationType.WallClockTime, processUntil is { } bound ? Math.Min(Clock.NowMs, bound) : Clock.NowMs);

    public CacheEntryContext Current => new(recordTimestamp, currentHeaders, CurrentMetadata);

    public void RunAs(CacheEntryContext context, Action action)
    {
        var (timestamp, headers, metadata) = (recordTimestamp, currentHeaders, CurrentMetadata);
        (recordTimestamp, currentHeaders, CurrentMetadata) = (context.Timestamp, context.Headers, context.Metadata);
        try
        {
            action();
        }
        finally
        {
            (recordTimestamp, currentHeaders, CurrentMetadata) = (timestamp, headers, metadata);
        }
    }

    /// <summary>
    /// Flushes the record caches of the task's caching stores (before the producer flush and offset commit of every
    /// commit); again while a flush's forwarding dirtied another caching store of the task.
    /// </summary>
    public void FlushCaches()
    {
        if (cache is null) return;
        var caching = stores.Values.OfType<ICachingStore>().ToList();
        for (var round = 0; round < 10 && caching.Any(s => s.HasDirtyEntries); round++)
        {
            foreach (var store in caching) store.FlushCache();
        }
    }

    public void Log(string topic, int partition, byte[] key, byte[]? value, long timestamp) =>
        Collector.SendChangelog(topic, partition, key, value, timestamp);

    /// <summary>Flushes in-memory stores (window stores sweep expired windows), and persistent ones when <paramref name="persistent"/>.</summary>
    public void FlushStores(bool persistent = true)
    {
        foreach (var store in stores.Values)
        {
            if (persistent || !store.Persistent) store.Flush();
        }
    }

    /// <summary>The input offsets to commit (one past the last processed record per partition).</summary>
    public IEnumerable<TopicPartitionOffset> CommittableOffsets() =>
        queueArray.Where(q => q.NextOffset >= 0).Select(q => new TopicPartitionOffset(q.Topic, q.Partition, q.NextOffset));

    /// <summary>
    /// Moves the offset of an input partition that is drained and got no record since <paramref name="idleSince"/> up
    /// to the consumer's <paramref name="position"/>, when the consumer went past offsets that hand no record
    /// (transaction markers): so the commit covers them and an idle partition's lag reaches 0. Only idle partitions,
    /// because right after an assignment the position can still be the one of an earlier ownership while the fetch
    /// from the committed offset is under way.
    /// </summary>
    public void SkipToPosition(Func<string, int, long> position, long idleSince)
    {
        foreach (var queue in queueArray)
        {
            if (queue.Count > 0 || queue.NextOffset < 0 || queue.ReachedBound || queue.LastAddedAt > idleSince) continue;
            var next = position(queue.Topic, queue.Partition);
            if (next <= queue.NextOffset) continue;
            queue.NextOffset = next;
            CommitNeeded = true;
        }
    }

    /// <summary>After a commit (everything sent before it delivered): tells the processors, which may write state.</summary>
    public void MarkCommitted()
    {
        CommitNeeded = false;
        commitRequested = false;
        if (!topologyInitialized) return;
        foreach (var node in nodes) node.Committed();
    }

    public void Dispose()
    {
        foreach (var node in Enumerable.Reverse(nodes)) node.Close();
        foreach (var store in stores.Values) store.Close();
        foreach (var queue in queueArray) queue.Clear();
    }

    private bool Punctuate(PunctuationType type, long now)
    {
        if (punctuations.Count == 0) return false;
        var fired = false;
        // Index loop: a punctuator may schedule another punctuation.
        for (var i = 0; i < punctuations.Count; i++)
        {
            var punctuation = punctuations[i];
            if (punctuation.Type != type) continue;
            recordTimestamp = now;
            try
            {
                if (punctuation.TryFire(now))
                {
                    fired = true;
                    CommitNeeded = true;
                    metrics?.Punctuated(type);
                }
            }
            catch (Exception e) when (e is not (StreamsException or OperationCanceledException))
            {
                throw new StreamsException($"A {type} punctuator of task {Id} failed: {e.Message}", e) { TaskId = Id.ToString() };
            }
        }
        punctuations.RemoveAll(p => p.Cancelled);
        return fired;
    }
}
