using OrderStreams.Avro.Binary;
using OrderStreams.Avro.Generic;
using OrderStreams.Avro.Schemas;
using OrderStreams.Avro.Specific;
using OrderStreams.SchemaRegistry.Tests.Support;

namespace OrderStreams.SchemaRegistry.Tests.Serdes;

/// <summary>A hand-written record of <see cref="Schemas.PaymentV2"/>, shaped like the code generator's output.</summary>
internal sealed record Payment : IAvroRecord<Payment>
{
    public static RecordSchema Schema { get; } = (RecordSchema)AvroSchema.Parse(Schemas.PaymentV2);

    public required string Id { get; init; }

    public required long Amount { get; init; }

    public string Currency { get; init; } = "EUR";

    public static Payment Read(ref AvroReader reader) => new() { Id = reader.ReadString(), Amount = reader.ReadLong(), Currency = reader.ReadString() };

    public static Payment FromGeneric(GenericRecord record) =>
        new() { Id = (string)record["id"]!, Amount = (long)record["amount"]!, Currency = (string)record["currency"]! };

    public void Write(ref AvroWriter writer)
    {
        writer.WriteString(Id);
        writer.WriteLong(Amount);
        writer.WriteString(Currency);
    }
}
