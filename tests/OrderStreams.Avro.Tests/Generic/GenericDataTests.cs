using OrderStreams.Avro.Generic;
using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.Tests.Generic;

public class GenericDataTests
{
    private static readonly RecordSchema Schema = (RecordSchema)AvroSchema.Parse("""
        {"type":"record","name":"R","fields":[
          {"name":"list","type":{"type":"array","items":"bytes"}},
          {"name":"map","type":{"type":"map","values":"int"}},
          {"name":"hash","type":{"type":"fixed","name":"H","size":1}}]}
        """);

    [Fact]
    public void Equals_StructurallyEqualRecords_AreEqual()
    {
        Assert.True(GenericData.Equals(NewRecord(), NewRecord()));
        Assert.Equal(NewRecord(), NewRecord());
    }

    [Fact]
    public void Equals_DifferentNestedBytes_AreNotEqual()
    {
        var other = NewRecord();
        ((byte[])((List<object?>)other["list"]!)[0]!)[0] = 9;

        Assert.False(GenericData.Equals(NewRecord(), other));
    }

    [Fact]
    public void DeepCopy_MutatingTheCopy_LeavesTheOriginal()
    {
        var original = NewRecord();
        var copy = (GenericRecord)GenericData.DeepCopy(original)!;

        ((byte[])((List<object?>)copy["list"]!)[0]!)[0] = 9;
        ((Dictionary<string, object?>)copy["map"]!)["b"] = 2;
        copy.Get<GenericFixed>("hash").Value[0] = 9;

        Assert.Equal(NewRecord(), original);
        Assert.NotEqual(original, copy);
    }

    private static GenericRecord NewRecord() => new(Schema)
    {
        ["list"] = new List<object?> { new byte[] { 1 } },
        ["map"] = new Dictionary<string, object?> { ["a"] = 1 },
        ["hash"] = new GenericFixed((FixedSchema)Schema.GetField("hash").Schema, [7]),
    };
}
