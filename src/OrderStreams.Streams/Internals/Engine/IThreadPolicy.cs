using Confluent.Kafka;

namespace OrderStreams.Streams.Internals.Engine;

/// <summary>
/// An optional behaviour of a stream thread (replay up to a bound, partitions pinned to an instance), told of the
/// moments that matter to it; the loop and the tasks know nothing of what it does.
/// </summary>
internal interface IThreadPolicy : IDisposable
{
    /// <summary>Partitions the group assigned; returns those the thread makes tasks of.</summary>
    IReadOnlyList<TopicPartition> Assigned(IReadOnlyList<TopicPartition> partitions) => partitions;

    /// <summary>A record of a partition that belongs to no task; true when the policy took care of it.</summary>
    bool Polled(ConsumeResult<byte[], byte[]> record) => false;

    /// <summary>A record of one of the tasks' partitions; false when the task must not take it.</summary>
    bool Admits(InputPartition input, ConsumeResult<byte[], byte[]> record) => true;

    /// <summary>The wall-clock time punctuations fire at, given the time now.</summary>
    long PunctuationTime(long now) => now;

    /// <summary>Before the tasks of revoked partitions are committed (when <paramref name="clean"/>) and closed.</summary>
    void Revoking(IReadOnlyList<TopicPartition> partitions, bool clean)
    {
    }

    /// <summary>After the tasks' offsets were committed.</summary>
    void Committed()
    {
    }

    /// <summary>About once a second.</summary>
    void Tick()
    {
    }

    void IDisposable.Dispose()
    {
    }
}
