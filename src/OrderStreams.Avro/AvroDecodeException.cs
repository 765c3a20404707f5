namespace OrderStreams.Avro;

/// <summary>Binary or JSON input that does not decode with the schema: truncated, corrupt or out of range.</summary>
public sealed class AvroDecodeException : AvroException
{
    public AvroDecodeException(string reason, long offset, Exception? innerException = null)
        : base(offset < 0 ? reason : $"{reason} (at byte offset {offset})", innerException)
    {
        Reason = reason;
        Offset = offset;
    }

    public string Reason { get; }

    /// <summary>The byte offset in the input where decoding failed or -1 when the input is JSON.</summary>
    public long Offset { get; }
}
