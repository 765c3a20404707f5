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

    /// <summary>Takes no more records (<see cref="StopAt"/>): a replay reached its bound.</summary>
    public bool Stopped { get; private set; }

    /// <summary>
    /// The end offset at which the consumer last reported the partition's end (as fetched from the broker), or -1
    /// before it did since the assignment, and again as soon as a record arrives after it.
    /// </summary>
    public long ReachedEndAt { get; private set; } = -1;

    /// <summary>Read and processed to the end the consumer last reported, or to where it stopped: nothing waits in the buffer.</summary>
    public bool AtEnd => records.Count == 0 && (Stopped || ReachedEndAt >= 0);

    /// <summary>
    /// The end last reported still holds: the partition's broker answers and no later end was fetched. Set by the
    /// stream thread once per poll.
    /// </summary>
    public bool EndCurrent { get; set; }

    /// <summary>
    /// Nothing of the partition waits in the topic or in the buffer, as far as a broker that answers tells (or it
    /// stopped). A task whose other partitions have records waits for one that is not caught up: its records may come
    /// first in stream time (the table update before the order that joins it, the capture before the payment deadline).
    /// </summary>
    public bool CaughtUp => AtEnd && (Stopped || EndCurrent);

    /// <summary>Buffers a record; once stopped, records still arriving from the consumer are dropped.</summary>
    public void Add(ConsumeResult<byte[], byte[]> record)
    {
        LastAddedAt = Environment.TickCount64;
        ReachedEndAt = -1;
        if (!Stopped) records.Enqueue(record);
    }

    /// <summary>The consumer read everything up to <paramref name="endOffset"/>, the end the broker last reported.</summary>
    public void ReachedEnd(long endOffset) => ReachedEndAt = endOffset;

    /// <summary>
    /// Takes nothing from <paramref name="offset"/> on: what is buffered is still processed, and when nothing is, the
    /// commit points at <paramref name="offset"/>.
    /// </summary>
    public void StopAt(long offset)
    {
        Stopped = true;
        if (records.Count == 0) NextOffset = offset;
    }

    public ConsumeResult<byte[], byte[]> Take() => records.Dequeue();

    public void Clear() => records.Clear();
}
