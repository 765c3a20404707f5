using OrderStreams.Avro.Generic;
using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.Tests.Generic;

/// <summary>Mutated and truncated encodings: decoding either succeeds or fails with an <see cref="AvroException"/>, nothing else.</summary>
public class GenericDatumReaderCorruptInputTests
{
    private static readonly RecordSchema Writer = (RecordSchema)AvroSchema.Parse("""
        {"type":"record","name":"Order","fields":[
          {"name":"id","type":"string"},
          {"name":"lines","type":{"type":"array","items":{"type":"record","name":"Line","fields":[
            {"name":"sku","type":"string"},{"name":"qty","type":"int"},{"name":"price","type":"double"}]}}},
          {"name":"meta","type":{"type":"map","values":["null","long","bytes"]}},
          {"name":"status","type":{"type":"enum","name":"S","symbols":["A","B","C"]}},
          {"name":"hash","type":{"type":"fixed","name":"H","size":3}},
          {"name":"flag","type":"boolean"},
          {"name":"ratio","type":"float"}]}
        """);

    private static readonly RecordSchema Reader = (RecordSchema)AvroSchema.Parse("""
        {"type":"record","name":"Order","fields":[
          {"name":"status","type":{"type":"enum","name":"S","symbols":["A","B"]}},
          {"name":"id","type":"bytes"},
          {"name":"meta","type":{"type":"map","values":["null","double","string"]}},
          {"name":"extra","type":"int","default":0}]}
        """);

    public static TheoryData<bool> Modes => [false, true];

    [Theory]
    [MemberData(nameof(Modes))]
    public void Read_RandomlyMutatedInput_OnlyThrowsAvroExceptions(bool resolving)
    {
        var valid = new GenericDatumWriter(Writer).Serialize(NewOrder());
        var reader = resolving ? new GenericDatumReader(Writer, Reader) : new GenericDatumReader(Writer);
        var random = new Random(20240229);

        for (var i = 0; i < 5000; i++)
        {
            var bytes = (byte[])valid.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            var length = random.Next(4) == 0 ? random.Next(bytes.Length) : bytes.Length;

            AssertDecodesOrThrowsAvroException(reader, bytes.AsSpan(0, length).ToArray());
        }
    }

    [Fact]
    public void Read_EveryTruncation_ThrowsDecodeException()
    {
        var valid = new GenericDatumWriter(Writer).Serialize(NewOrder());
        var reader = new GenericDatumReader(Writer);

        for (var length = 0; length < valid.Length; length++)
            Assert.Throws<AvroDecodeException>(() => reader.Read(valid.AsSpan(0, length)));
    }

    private static void AssertDecodesOrThrowsAvroException(GenericDatumReader reader, byte[] bytes)
    {
        try
        {
            reader.Read(bytes);
        }
        catch (AvroException)
        {
        }
        catch (Exception e)
        {
            Assert.Fail($"{Convert.ToHexString(bytes)} raised {e.GetType().Name}: {e.Message}");
        }
    }

    private static GenericRecord NewOrder()
    {
        var line = (RecordSchema)((ArraySchema)Writer.GetField("lines").Schema).Items;
        return new GenericRecord(Writer)
        {
            ["id"] = "order-\u00e9",
            ["lines"] = new List<object?>
            {
                new GenericRecord(line) { ["sku"] = "pizza", ["qty"] = 2, ["price"] = 9.5 },
                new GenericRecord(line) { ["sku"] = "cola", ["qty"] = 1, ["price"] = 2.0 },
            },
            ["meta"] = new Dictionary<string, object?> { ["a"] = null, ["b"] = 7L, ["c"] = new byte[] { 1, 2 } },
            ["status"] = "B",
            ["hash"] = new byte[] { 1, 2, 3 },
            ["flag"] = true,
            ["ratio"] = 0.25f,
        };
    }
}
