namespace OrderStreams.SchemaRegistry.Serdes;

public enum AvroSerdeErrorKind
{
    /// <summary>The first byte is not the Confluent magic byte 0: not data of a registry-aware serializer.</summary>
    WrongMagicByte,

    /// <summary>Shorter than the 5-byte header, or the Avro body ended early.</summary>
    Truncated,

    /// <summary>The writer schema with this id could not be fetched or parsed (see the inner exception).</summary>
    UnknownSchemaId,

    /// <summary>The Avro body does not decode with the writer schema, or does not resolve to the reader's.</summary>
    InvalidData,

    /// <summary>The schema could not be registered, or no id is configured when auto-registration is off.</summary>
    RegistrationFailed,
}
