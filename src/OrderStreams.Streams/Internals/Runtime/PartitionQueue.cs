using Confluent.Kafka;

namespace OrderStreams.Streams.Internals.Runtime;

/// <summary>The buffered, not yet processed records of one input partition of a task.</summary>
internal sealed class PartitionQueue(string topic, int partition, SourceNode source)
{
    private readonly Queue<ConsumeResult<byte[], byte[]>> records = new();

    public string Topic { get; } = topic;

    public int Partition { get; } = partition;

    public SourceNode Source { get; } = source;

    /// <summary>The partition boxed once, for metric tags.</summary>
    public object BoxedPartition { get; } = partition;

    /// <summary>The offset to commit: one past the last processed record, or -1 before any.</summary>
    public long NextOffset { get; set; } = -1;

    public int Count => records.Count;

    /// <summary>When the consumer last handed a record of this partition (<see cref="Environment.TickCount64"/>), or the queue was made.</summary>
    public long LastAddedAt { get; private set; } = Environment.TickCount64;

    public long HeadTimestamp => records.Peek().Message.Timestamp.UnixTimestampMs;

    /// <summary>The partition got to its first record after <see cref="StreamsConfig.ProcessUntil"/>: nothing more of it is processed.</summary>
    public bool ReachedBound { get; private set; }

    /// <summary>Buffers a record; once the bound is reached, records still arriving from the consumer are dropped.</summary>
    public void Add(ConsumeResult<byte[], byte[]> record)
    {
        LastAddedAt = Environment.TickCount64;
        if (!ReachedBound) records.Enqueue(record);
    }

    /// <summary>Stops at the head record (after the bound): it and everything behind it stay unprocessed, and the commit points at it.</summary>
    public void StopAtHead()
    {
        NextOffset = records.Peek().Offset.Value;
        ReachedBound = true;
        records.Clear();
    }

    public ConsumeResult<byte[], byte[]> Take() => records.Dequeue();

    public void Clear() => records.Clear();
}
