using System.Diagnostics;
using Confluent.Kafka;
using OrderStreams.Streams.Internals.Runtime;
using OrderStreams.Streams.Internals.State;

namespace OrderStreams.Streams.Internals.Engine;

/// <summary>One changelog partition a <see cref="StateRestorer"/> restores into a task's store, and how far it got.</summary>
internal sealed class RestoringChangelog(StreamTask task, IStoreInstance store, TopicPartition partition, long end, long start)
{
    public StreamTask Task { get; } = task;

    public IStoreInstance Store { get; } = store;

    public TopicPartition Partition { get; } = partition;

    public long End { get; } = end;

    public long Start { get; } = start;

    /// <summary>One past the last changelog offset consumed.</summary>
    public long Position { get; set; } = start;

    /// <summary>One past the last changelog offset written to the store.</summary>
    public long Written { get; set; } = start;

    public long Restored { get; set; }

    /// <summary>Every record up to the end is consumed (some may still be being written).</summary>
    public bool Consumed { get; set; }

    public TimeSpan LastReport { get; set; }

    public Stopwatch Clock { get; } = Stopwatch.StartNew();
}
