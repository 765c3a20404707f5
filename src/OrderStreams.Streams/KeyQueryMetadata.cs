namespace OrderStreams.Streams;

/// <summary>Where a key of a store lives: its partition and the instance that owns that partition now (null when unknown).</summary>
public sealed record KeyQueryMetadata(int Partition, StreamsMetadata? Owner)
{
    /// <summary>True when this instance owns the key and can answer from its local store.</summary>
    public bool IsLocal { get; init; }
}
