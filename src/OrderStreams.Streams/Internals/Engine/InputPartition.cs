using Confluent.Kafka;
using OrderStreams.Streams.Internals.Runtime;

namespace OrderStreams.Streams.Internals.Engine;

/// <summary>
/// One partition assigned to a stream thread: the task that processes it, its buffer, and what the thread and its
/// policies keep of it. It lives as long as its task, so closing the task forgets all of it at once.
/// </summary>
internal sealed class InputPartition(StreamTask task, PartitionQueue queue)
{
    public StreamTask Task { get; } = task;

    public PartitionQueue Queue { get; } = queue;

    public TopicPartition TopicPartition { get; } = new(queue.Topic, queue.Partition);

    /// <summary>Paused on the consumer while its task restores state.</summary>
    public bool PausedForRestore { get; set; }

    /// <summary>Wall-clock time (ms) at which its lag was last 0; the lag in seconds counts from there.</summary>
    public long? CaughtUpAt { get; set; }

    /// <summary>Under process-until: the partition's end offset when first checked (0 for an empty partition), else null.</summary>
    public long? EndAtStart { get; set; }
}
