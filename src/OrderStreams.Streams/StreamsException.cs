namespace OrderStreams.Streams;

/// <summary>The runtime's exception family: configuration, topology and processing failures, with context where there is one.</summary>
public class StreamsException : Exception
{
    public StreamsException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>The source topic, partition and offset of the failing record, when a record was involved.</summary>
    public string? Topic { get; init; }

    public int? Partition { get; init; }

    public long? Offset { get; init; }

    /// <summary>The task the failure happened in, like <c>0_3</c>.</summary>
    public string? TaskId { get; init; }
}
