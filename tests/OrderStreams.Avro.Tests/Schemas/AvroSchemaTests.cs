using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.Tests.Schemas;

public class AvroSchemaTests
{
    [Theory]
    [InlineData("\"null\"", 7195948357588979594)]
    [InlineData("\"int\"", 8247732601305521295)]
    public void Fingerprint_PrimitiveFromSpec_MatchesKnownValue(string json, long expected)
    {
        Assert.Equal(expected, AvroSchema.Parse(json).Fingerprint);
    }
}
