using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OrderStreams.Streams.Internals.Graph;
using OrderStreams.Streams.Internals.State;
using OrderStreams.Streams.Internals.State.RocksDb;
using OrderStreams.Streams.Processor;

namespace OrderStreams.Streams.Internals.Runtime;

/// <summary>
/// One sub-topology over one partition number: its input buffers, stream time, punctuations and commits, over the
/// nodes and stores of <see cref="TopologyTask"/>. Shared by the engine and the test driver; it knows nothing of consumers.
/// </summary>
internal sealed class StreamTask : TopologyTask
{
    private readonly Dictionary<(string Topic, int Partition), PartitionQueue> queues = [];
    private readonly PartitionQueue[] queueArray;
    private readonly RecordCache? cache;
    private readonly MisplacedRecords? misplaced;
    private bool commitRequested;
    private long? caughtUpSince;

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
        : base(id, topology, subtopology, config, collector, clock, Path.Combine(config.StateDir, config.ApplicationId, id.ToString()), globalStores, rocksDb, metrics)
    {
        this.cache = cache;
        if (config.KeyOwnership is { } ownership)
        {
            var logger = (config.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<MisplacedRecords>();
            misplaced = new MisplacedRecords(ownership, config.ApplicationId, collector, logger, metrics);
        }
        foreach (var input in inputs) queues[(input.Topic, input.Partition.Value)] = new PartitionQueue(input.Topic, input.Partition.Value, SourceOf(input.Topic));
        queueArray = queues.Values.ToArray();
    }

    public IEnumerable<PartitionQueue> Inputs => queueArray;

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
    /// not. See <see cref="CheckCaughtUp"/>.
    /// </summary>
    public override long? CaughtUpSince => caughtUpSince;

    /// <summary>Processed records or a requested commit since the last commit.</summary>
    public bool CommitNeeded { get; private set; }

    public bool CommitRequested => commitRequested;

    /// <summary>Since when (<see cref="Environment.TickCount64"/>) the task waits for a partition that is not caught up; null when it does not.</summary>
    public long? WaitingSince { get; private set; }

    /// <summary>The changelog partition of each logged store.</summary>
    public IEnumerable<(IStoreInstance Store, TopicPartition Changelog)> ChangelogPartitions =>
        Stores.Values.Where(s => s.LoggingEnabled)
            .Select(s => (s, new TopicPartition(Streams.Topology.ChangelogTopic(ApplicationId, s.Name), Id.Partition)));

    public void InitializeStores() => InitializeStores(Collector, cache);

    public PartitionQueue Add(ConsumeResult<byte[], byte[]> record)
    {
        var queue = queues[(record.Topic, record.Partition.Value)];
        queue.Add(record);
        caughtUpSince = null;
        return queue;
    }

    /// <summary>
    /// Notes whether the task is caught up now: every input partition read and processed to the end last fetched from
    /// a broker that still answers (<see cref="PartitionQueue.CaughtUp"/>).
    /// </summary>
    public void CheckCaughtUp()
    {
        if (queueArray.All(queue => queue.CaughtUp)) caughtUpSince ??= Clock.NowMs;
        else caughtUpSince = null;
    }

    public PartitionQueue Queue(string topic, int partition) => queues[(topic, partition)];

    /// <summary>
    /// Processes the buffered record with the lowest timestamp across the task's partitions; false when none is
    /// buffered or the task waits for a partition that is not caught up (<see cref="InputsReady"/>).
    /// </summary>
    public bool Process()
    {
        PartitionQueue? next = null;
        foreach (var queue in queueArray)
        {
            if (queue.Count > 0 && (next is null || queue.HeadTimestamp < next.HeadTimestamp)) next = queue;
        }
        if (next is null)
        {
            WaitingSince = null;
            return false;
        }
        if (!InputsReady()) return false;

        var raw = next.Take();
        var started = Stopwatch.GetTimestamp();
        ProcessRecord(raw, next.Source, traced: true);
        next.NextOffset = raw.Offset.Value + 1;
        CommitNeeded = true;
        Metrics?.RecordProcessed(next.Topic, next.BoxedPartition, Stopwatch.GetElapsedTime(started));
        PunctuateStreamTime();
        return true;
    }

    /// <summary>Takes no more records of a partition from <paramref name="offset"/> on (<see cref="PartitionQueue.StopAt"/>); committed as soon as possible.</summary>
    public void StopInput(PartitionQueue queue, long offset)
    {
        queue.StopAt(offset);
        CommitNeeded = true;
        commitRequested = true;
    }

    public override void RequestCommit() => commitRequested = true;

    /// <summary>
    /// Flushes the record caches of the task's caching stores (before the producer flush and offset commit of every
    /// commit); again while a flush's forwarding dirtied another caching store of the task.
    /// </summary>
    public void FlushCaches()
    {
        if (cache is null) return;
        var caching = Stores.Values.OfType<ICachingStore>().ToList();
        for (var round = 0; round < 10 && caching.Any(s => s.HasDirtyEntries); round++)
        {
            foreach (var store in caching) store.FlushCache();
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
            if (queue.Count > 0 || queue.NextOffset < 0 || queue.Stopped || queue.LastAddedAt > idleSince) continue;
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
        if (!TopologyInitialized) return;
        foreach (var node in Nodes) node.Committed();
    }

    public override void Dispose()
    {
        base.Dispose();
        foreach (var queue in queueArray) queue.Clear();
    }

    protected override bool Diverted(ConsumeResult<byte[], byte[]> raw) => misplaced?.Handled(raw, Id) == true;

    protected override void Punctuated(PunctuationType type)
    {
        CommitNeeded = true;
        Metrics?.Punctuated(type);
    }

    /// <summary>
    /// Whether the lowest timestamp buffered is the lowest there is: every empty input partition is caught up (or
    /// stopped). As Kafka Streams does with <c>max.task.idle.ms=0</c>, a task waits for a partition the broker has
    /// records of; otherwise, after a task moves to another instance, an order could reach a join before the table
    /// update that precedes it.
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
}
