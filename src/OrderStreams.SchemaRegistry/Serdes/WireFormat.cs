using System.Buffers.Binary;
using OrderStreams.Avro;

namespace OrderStreams.SchemaRegistry.Serdes;

/// <summary>Confluent's framing: magic byte 0, the schema id as a 4-byte big-endian int, then the Avro binary body.</summary>
internal static class WireFormat
{
    public const byte MagicByte = 0;
    public const int HeaderSize = 5;

    public static void WriteHeader(Span<byte> destination, int schemaId)
    {
        destination[0] = MagicByte;
        BinaryPrimitives.WriteInt32BigEndian(destination[1..], schemaId);
    }

    /// <summary>The schema id of a framed record; the body follows at <see cref="HeaderSize"/>.</summary>
    public static int ReadSchemaId(ReadOnlySpan<byte> data, string topic)
    {
        if (data.Length == 0)
            throw new AvroSerdeException(AvroSerdeErrorKind.Truncated, "Empty record; expected the 5-byte schema registry header", topic);
        if (data[0] != MagicByte)
            throw new AvroSerdeException(AvroSerdeErrorKind.WrongMagicByte, $"Unknown magic byte 0x{data[0]:x2}; expected 0x00 (not written by a schema registry serializer?)", topic);
        if (data.Length < HeaderSize)
            throw new AvroSerdeException(AvroSerdeErrorKind.Truncated, $"Record of {data.Length} bytes is shorter than the 5-byte header", topic);
        return BinaryPrimitives.ReadInt32BigEndian(data[1..]);
    }

    /// <summary>Maps a decoding failure of the body to the serde's error.</summary>
    public static AvroSerdeException DecodeFailed(AvroException e, string topic, int schemaId) =>
        IsTruncation(e)
            ? new AvroSerdeException(AvroSerdeErrorKind.Truncated, $"The Avro body ended early: {e.Message}", topic, schemaId, e)
            : new AvroSerdeException(AvroSerdeErrorKind.InvalidData, $"The Avro body does not decode: {e.Message}", topic, schemaId, e);

    // The Avro library reports truncation only in its message: reading past the end, or a length beyond it.
    private static bool IsTruncation(AvroException e) =>
        e is AvroDecodeException decode
        && (decode.Reason.StartsWith("unexpected end of input", StringComparison.Ordinal) || decode.Reason.Contains("exceeds the remaining", StringComparison.Ordinal));
}
