namespace OrderStreams.Streams;

/// <summary>A topology that cannot run: a missing serde, an unknown store, source topics that are not co-partitioned.</summary>
public sealed class TopologyException(string message, Exception? inner = null) : StreamsException(message, inner);
