namespace OrderStreams.Streams;

/// <summary>An instance of the application (its <c>application.server</c>) and the partitions whose tasks it owns.</summary>
public sealed record StreamsMetadata(string Host, int Port, IReadOnlySet<int> Partitions)
{
    public override string ToString() => $"{Host}:{Port} [{string.Join(",", Partitions.Order())}]";
}
