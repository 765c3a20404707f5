namespace OrderStreams.Avro;

/// <summary>Data written with one schema that cannot be read with another (schema resolution failed).</summary>
public sealed class AvroResolutionException : AvroException
{
    public AvroResolutionException(string message)
        : base(message)
    {
    }
}
