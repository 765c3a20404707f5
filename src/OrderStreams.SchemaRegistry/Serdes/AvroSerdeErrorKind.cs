namespace OrderStreams.SchemaRegistry.Serdes;

public enum AvroSerdeErrorKind
{
    /// <summary>The first byte is not the Confluent magic byte 0: not data of a registry-aware serializer.</summary>
    WrongMagicByte,

    /// <summary>Shorter than the 5-byte header, or the Avro body ended early.</summary>
    Truncated,

    /// <summary>The registry has no schema with this id (error 40403), or its text does not parse as Avro.</summary>
    UnknownSchemaId,

    /// <summary>The registry did not answer (or failed) when asked for the writer schema; a retry may succeed.</summary>
    RegistryUnavailable,

    /// <summary>The Avro body does not decode with the writer schema, or does not resolve to the reader's.</summary>
    InvalidData,

    /// <summary>The schema could not be registered, or no id is configured when auto-registration is off.</summary>
    RegistrationFailed,
}
