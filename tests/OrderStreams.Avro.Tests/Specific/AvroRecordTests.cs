using OrderStreams.Avro.Generic;
using OrderStreams.Avro.Schemas;
using OrderStreams.Avro.Specific;

namespace OrderStreams.Avro.Tests.Specific;

public class AvroRecordTests
{
    private static readonly PaymentRecord Payment = new("p-1", 2599, "CAPTURED", new DateTimeOffset(2024, 3, 1, 9, 0, 0, 250, TimeSpan.Zero), "first try");

    [Fact]
    public void Read_SameSchema_RoundTripsThroughTheFastPath()
    {
        var bytes = AvroRecord.Serialize(Payment);

        Assert.Equal(Payment, AvroRecord.Read<PaymentRecord>(bytes, PaymentRecord.Schema));
    }

    [Fact]
    public void Serialize_GeneratedStyleWriter_MatchesGenericWriter()
    {
        var generic = new GenericDatumReader(PaymentRecord.Schema).Read(AvroRecord.Serialize(Payment));

        Assert.Equal(AvroRecord.Serialize(Payment), new GenericDatumWriter(PaymentRecord.Schema).Serialize(generic));
    }

    [Fact]
    public void Read_OlderWriterSchema_ResolvesThroughGeneric()
    {
        var v1 = (RecordSchema)AvroSchema.Parse("""
            {"type":"record","name":"Payment","namespace":"t","fields":[
              {"name":"paymentId","type":"string"},
              {"name":"amountCents","type":"int"},
              {"name":"status","type":{"type":"enum","name":"Status","symbols":["AUTHORISED","CAPTURED","FAILED"]}},
              {"name":"at","type":"long"}]}
            """);
        var old = new GenericRecord(v1)
        {
            ["paymentId"] = "p-0",
            ["amountCents"] = 100,
            ["status"] = new GenericEnum((EnumSchema)v1.GetField("status").Schema, "FAILED"),
            ["at"] = 0L,
        };

        var payment = AvroRecord.Read<PaymentRecord>(new GenericDatumWriter(v1).Serialize(old), v1);

        Assert.Equal(new PaymentRecord("p-0", 100, "UNKNOWN", DateTimeOffset.UnixEpoch, null), payment);
    }

    [Fact]
    public void Read_TrailingBytes_ThrowsDecodeException()
    {
        var bytes = AvroRecord.Serialize(Payment).Append((byte)0).ToArray();

        Assert.Throws<AvroDecodeException>(() => AvroRecord.Read<PaymentRecord>(bytes, PaymentRecord.Schema));
    }
}
