using OrderStreams.Avro.Binary;
using OrderStreams.Avro.Generic;
using OrderStreams.Avro.Schemas;
using OrderStreams.Avro.Specific;

namespace OrderStreams.Avro.Tests.Specific;

/// <summary>Written the way generated code is expected to look: plain reads and writes in field order.</summary>
internal sealed record PaymentRecord(string PaymentId, long AmountCents, string Status, DateTimeOffset At, string? Note) : IAvroRecord<PaymentRecord>
{
    public static RecordSchema Schema { get; } = (RecordSchema)AvroSchema.Parse("""
        {"type":"record","name":"Payment","namespace":"t","fields":[
          {"name":"paymentId","type":"string"},
          {"name":"amountCents","type":"long"},
          {"name":"status","type":{"type":"enum","name":"Status","symbols":["AUTHORISED","CAPTURED","UNKNOWN"],"default":"UNKNOWN"}},
          {"name":"at","type":{"type":"long","logicalType":"timestamp-millis"}},
          {"name":"note","type":["null","string"],"default":null}]}
        """);

    private static readonly string[] Symbols = ["AUTHORISED", "CAPTURED", "UNKNOWN"];

    public static PaymentRecord Read(ref AvroReader reader) => new(
        reader.ReadString(),
        reader.ReadLong(),
        Symbols[reader.ReadEnum(Symbols.Length)],
        reader.ReadTimestampMillis(),
        reader.ReadUnionIndex(2) == 0 ? null : reader.ReadString());

    public static PaymentRecord FromGeneric(GenericRecord record) => new(
        (string)record[0]!,
        (long)record[1]!,
        ((GenericEnum)record[2]!).Symbol,
        LogicalValues.ToTimestampMillis((long)record[3]!),
        (string?)record[4]);

    public void Write(ref AvroWriter writer)
    {
        writer.WriteString(PaymentId);
        writer.WriteLong(AmountCents);
        writer.WriteEnum(Array.IndexOf(Symbols, Status));
        writer.WriteTimestampMillis(At);
        if (Note is null)
        {
            writer.WriteUnionIndex(0);
        }
        else
        {
            writer.WriteUnionIndex(1);
            writer.WriteString(Note);
        }
    }
}
