using OrderStreams.Avro.Generic;
using OrderStreams.Avro.Json;
using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.Tests;

/// <summary>Encodes a generic value and decodes it again, in binary and in the JSON encoding.</summary>
internal static class RoundTrip
{
    public static object? Binary(AvroSchema schema, object? value)
    {
        var bytes = new GenericDatumWriter(schema).Serialize(value);
        return new GenericDatumReader(schema).Read(bytes);
    }

    public static object? Json(AvroSchema schema, object? value) => AvroJson.FromJson(AvroJson.ToJson(value, schema), schema);

    public static void AssertBoth(AvroSchema schema, object? value, object? expected = null)
    {
        expected ??= value;
        AssertEqual(expected, Binary(schema, value));
        AssertEqual(expected, Json(schema, value));
    }

    public static void AssertEqual(object? expected, object? actual) =>
        Assert.True(GenericData.Equals(expected, actual), $"expected {Describe(expected)}, got {Describe(actual)}");

    private static string Describe(object? value) => value switch
    {
        null => "null",
        byte[] b => Convert.ToHexString(b),
        System.Collections.IEnumerable e and not string => "[" + string.Join(", ", e.Cast<object?>().Select(Describe)) + "]",
        _ => $"{value} ({value.GetType().Name})",
    };
}
