using System.Diagnostics;
using Confluent.Kafka;
using OrderStreams.Streams.Internals.Graph;
using OrderStreams.Streams.Internals.State.RocksDb;
using OrderStreams.Streams.Processor;

namespace OrderStreams.Streams.Internals.Runtime;

/// <summary>
/// The global sub-topology: every partition of the global tables' source topics, applied record by record as it is
/// read. Its stores restore from those topics, so they write no changelog, and it keeps the next offset of each partition.
/// </summary>
internal sealed class GlobalTask(
    Topology topology,
    Subtopology subtopology,
    StreamsConfig config,
    IRecordCollector collector,
    IClock clock,
    IEnumerable<TopicPartition> partitions,
    RocksDbStoreSettings? rocksDb = null,
    StreamsMetrics? metrics = null)
    : TopologyTask(new TaskId(-1, 0), topology, subtopology, config, collector, clock, Path.Combine(config.StateDir, config.ApplicationId, "global"), null, rocksDb, metrics)
{
    private readonly Dictionary<(string Topic, int Partition), long> nextOffsets = [];

    public IReadOnlyList<TopicPartition> Partitions { get; } = partitions.ToList();

    /// <summary>One past the last record applied of each partition that had any.</summary>
    public IReadOnlyDictionary<(string Topic, int Partition), long> NextOffsets => nextOffsets;

    public void InitializeStores() => InitializeStores(changelog: null, cache: null);

    public void Apply(ConsumeResult<byte[], byte[]> record)
    {
        var started = Stopwatch.GetTimestamp();
        ProcessRecord(record, SourceOf(record.Topic), traced: false);
        Skip(record);
        Metrics?.RecordProcessed(record.Topic, record.Partition.Value, Stopwatch.GetElapsedTime(started));
        PunctuateStreamTime();
    }

    /// <summary>Moves past a record without applying it.</summary>
    public void Skip(ConsumeResult<byte[], byte[]> record) => nextOffsets[(record.Topic, record.Partition.Value)] = record.Offset.Value + 1;
}
