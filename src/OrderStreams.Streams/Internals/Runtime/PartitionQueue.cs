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

    /// <summary>
    /// The end offset at which the consumer last reported the partition's end (as fetched from the broker), or -1
    /// before it did since the assignment, and again as soon as a record arrives after it.
    /// </summary>
    public long ReachedEndAt { get; private set; } = -1;

    /// <summary>Read and processed to the end the consumer last reported (or stopped at the bound): nothing waits in the topic.</summary>
    public bool AtEnd => ReachedBound || (ReachedEndAt >= 0 && records.Count == 0);

    /// <summary>
    /// The end last reported still holds: the partition's broker answers and no later end was fetched. Set by the
    /// stream thread once per poll.
    /// </summary>
    public bool EndCurrent { get; set; }

    /// <summary>
    /// Nothing of the partition waits in the topic or in the buffer, as far as a broker that answers tells. A task
    /// whose other partitions have records waits for one that is not caught up: its records may come first in stream
    /// time (the table update before the order that joins it, the capture before the payment deadline).
    /// </summary>
    public bool CaughtUp => ReachedBound || (AtEnd && EndCurrent);

    /// <summary>Buffers a record; once the bound is reached, records still arriving from the consumer are dropped.</summary>
    public void Add(ConsumeResult<byte[], byte[]> record)
    {
        LastAddedAt = Environment.TickCount64;
        ReachedEndAt = -1;
        if (!ReachedBound) records.Enqueue(record);
    }

    /// <summary>The consumer read everything up to <paramref name="endOffset"/>, the end the broker last reported.</summary>
    public void ReachedEnd(long endOffset) => ReachedEndAt = endOffset;

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
