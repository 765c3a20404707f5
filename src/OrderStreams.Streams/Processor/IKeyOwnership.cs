namespace OrderStreams.Streams.Processor;

/// <summary>
/// Which partition of a source topic owns a record key: where the topic's producers are meant to put it. With
/// <see cref="StreamsConfig.KeyOwnership"/> set, a task forwards a record read from another partition to its owner
/// instead of processing it there (or dead-letters it when that is impossible).
/// </summary>
public interface IKeyOwnership
{
    /// <summary>The owning partition of <paramref name="key"/>, or null when <paramref name="topic"/> is not checked.</summary>
    /// <exception cref="ArgumentException">No partition of the topic can own the key (e.g. the routing names one beyond <paramref name="partitionCount"/>).</exception>
    int? OwnerOf(string topic, byte[] key, int partitionCount);
}
