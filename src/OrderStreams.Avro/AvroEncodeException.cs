namespace OrderStreams.Avro;

/// <summary>A value that cannot be written with the schema, e.g. a string where the schema says int.</summary>
public sealed class AvroEncodeException : AvroException
{
    public AvroEncodeException(string reason, string path = "$", Exception? innerException = null)
        : base(path == "$" ? reason : $"{path}: {reason}", innerException)
    {
        Reason = reason;
        Path = path;
    }

    public string Reason { get; }

    /// <summary>Where in the datum the problem is, e.g. <c>$.items[2].price</c>.</summary>
    public string Path { get; }
}
