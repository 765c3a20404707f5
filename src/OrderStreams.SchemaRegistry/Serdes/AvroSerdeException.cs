using OrderStreams.Avro;

namespace OrderStreams.SchemaRegistry.Serdes;

/// <summary>A record that could not be serialized or deserialized in the Confluent wire format, with where and why.</summary>
public sealed class AvroSerdeException : AvroException
{
    public AvroSerdeException(AvroSerdeErrorKind kind, string message, string topic, int? schemaId = null, Exception? innerException = null)
        : base($"{message} (topic '{topic}'{(schemaId is { } id ? $", schema id {id}" : "")})", innerException)
    {
        Kind = kind;
        Topic = topic;
        SchemaId = schemaId;
    }

    public AvroSerdeErrorKind Kind { get; }

    public string Topic { get; }

    /// <summary>The schema id from the record header, when it was read that far.</summary>
    public int? SchemaId { get; }
}
