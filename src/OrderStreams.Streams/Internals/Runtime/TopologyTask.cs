using System.Diagnostics;
using Confluent.Kafka;
using OrderStreams.Streams.Internals.Graph;
using OrderStreams.Streams.Internals.State;
using OrderStreams.Streams.Internals.State.RocksDb;
using OrderStreams.Streams.Internals.Tracing;
using OrderStreams.Streams.Processor;

namespace OrderStreams.Streams.Internals.Runtime;

/// <summary>
/// The node instances and stores of one sub-topology, and the context its processors see while a record (or a
/// punctuation) is processed. <see cref="StreamTask"/> adds input buffers and commits; <see cref="GlobalTask"/> loads
/// global tables.
/// </summary>
internal abstract class TopologyTask : ITaskRecordContext, IDisposable
{
    private readonly List<ProcessorNode> nodes = [];
    private readonly Dictionary<string, IStoreInstance> stores = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, IStoreInstance> globalStores;
    private readonly Dictionary<string, SourceNode> sourcesByTopic = new(StringComparer.Ordinal);
    private readonly List<Punctuation> punctuations = [];
    private readonly RocksDbStoreSettings? rocksDb;
    private long recordTimestamp;
    private Headers? currentHeaders;
    private Activity? processing;

    protected TopologyTask(
        TaskId id,
        Topology topology,
        Subtopology subtopology,
        StreamsConfig config,
        IRecordCollector collector,
        IClock clock,
        string directory,
        IReadOnlyDictionary<string, IStoreInstance>? globalStores,
        RocksDbStoreSettings? rocksDb,
        StreamsMetrics? metrics)
    {
        Id = id;
        ApplicationId = config.ApplicationId;
        Collector = collector;
        Clock = clock;
        Directory = directory;
        Metrics = metrics;
        this.rocksDb = rocksDb;
        this.globalStores = globalStores ?? new Dictionary<string, IStoreInstance>();
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

    /// <summary>See <see cref="IProcessorContext{KOut,VOut}.CaughtUpSince"/>.</summary>
    public virtual long? CaughtUpSince => null;

    public CacheEntryContext Current => new(recordTimestamp, currentHeaders, CurrentMetadata);

    protected StreamsMetrics? Metrics { get; }

    protected bool TopologyInitialized { get; private set; }

    protected IReadOnlyList<ProcessorNode> Nodes => nodes;

    public void InitializeTopology()
    {
        foreach (var node in nodes) node.Init(this);
        TopologyInitialized = true;
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

    /// <summary>A processor asks for a commit as soon as possible.</summary>
    public virtual void RequestCommit()
    {
    }

    public bool PunctuateStreamTime() => StreamTime != long.MinValue && Punctuate(PunctuationType.StreamTime, StreamTime);

    public bool PunctuateWallClock() => PunctuateWallClock(Clock.NowMs);

    /// <summary>Fires the wall-clock punctuations due at <paramref name="now"/> (a replay stops the clock at its bound).</summary>
    public bool PunctuateWallClock(long now) => Punctuate(PunctuationType.WallClockTime, now);

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

    /// <summary>Flushes in-memory stores (window stores sweep expired windows), and persistent ones when <paramref name="persistent"/>.</summary>
    public void FlushStores(bool persistent = true)
    {
        foreach (var store in stores.Values)
        {
            if (persistent || !store.Persistent) store.Flush();
        }
    }

    public virtual void Dispose()
    {
        foreach (var node in Enumerable.Reverse(nodes)) node.Close();
        foreach (var store in stores.Values) store.Close();
    }

    protected SourceNode SourceOf(string topic) =>
        sourcesByTopic.TryGetValue(topic, out var source) ? source : throw new TopologyException($"Task {Id} has no source node for topic '{topic}'.");

    /// <param name="changelog">Where logged stores write their changes; null when they restore from their source topic.</param>
    /// <param name="cache">The record cache of caching stores, if any.</param>
    protected void InitializeStores(IChangelogWriter? changelog, RecordCache? cache)
    {
        foreach (var store in stores.Values)
        {
            store.Init(new StoreContext(
                Path.Combine(Directory, store.Name),
                Streams.Topology.ChangelogTopic(ApplicationId, store.Name),
                Id.Partition,
                store.LoggingEnabled ? changelog : null,
                () => recordTimestamp,
                () => StreamTime,
                cache,
                this,
                rocksDb));
        }
    }

    /// <summary>Processes one record through its source node, in the record's context (and its span, when <paramref name="traced"/>).</summary>
    protected void ProcessRecord(ConsumeResult<byte[], byte[]> raw, SourceNode source, bool traced)
    {
        CurrentMetadata = new RecordMetadata(raw.Topic, raw.Partition.Value, raw.Offset.Value);
        currentHeaders = raw.Message.Headers;
        // Ends before the punctuations that follow: what they emit belongs to no record's trace.
        var span = traced ? RecordTracing.StartProcess(raw, ApplicationId) : default;
        processing = span.Span;
        try
        {
            if (!Diverted(raw)) source.Process(raw, this);
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
    }

    /// <summary>True when the record is not this task's to process (it was forwarded or dead-lettered instead).</summary>
    protected virtual bool Diverted(ConsumeResult<byte[], byte[]> raw) => false;

    /// <summary>A punctuation fired.</summary>
    protected virtual void Punctuated(PunctuationType type)
    {
    }

    protected bool Punctuate(PunctuationType type, long now)
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
                    Punctuated(type);
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
