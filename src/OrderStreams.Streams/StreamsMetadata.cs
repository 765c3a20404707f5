namespace OrderStreams.Streams;

/// <summary>An instance of the application (its <c>application.server</c>) and the partitions whose tasks it owns.</summary>
public sealed record StreamsMetadata(string Host, int Port, IReadOnlySet<int> Partitions)
{
    /// <summary>Same instance owning the same partitions (the sets compared by content).</summary>
    public bool Equals(StreamsMetadata? other) =>
        other is not null && Host == other.Host && Port == other.Port && Partitions.SetEquals(other.Partitions);

    public override int GetHashCode() => HashCode.Combine(Host, Port, Partitions.Count);

    public override string ToString() => $"{Host}:{Port} [{string.Join(",", Partitions.Order())}]";
}
