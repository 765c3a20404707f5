using System.Text.Json;
using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.Generic;

/// <summary>
/// Turns a field default (schema JSON) into a generic value. Per the spec a union default belongs to the union's
/// first branch, and bytes/fixed defaults are strings whose characters are byte values 0-255.
/// </summary>
internal static class DefaultValues
{
    public static object? ToDatum(AvroSchema schema, JsonElement json)
    {
        switch (schema)
        {
            case NullSchema when json.ValueKind == JsonValueKind.Null:
                return null;
            case BooleanSchema when json.ValueKind is JsonValueKind.True or JsonValueKind.False:
                return json.GetBoolean();
            case IntSchema when json.ValueKind == JsonValueKind.Number && json.TryGetInt32(out var i):
                return i;
            case LongSchema when json.ValueKind == JsonValueKind.Number && json.TryGetInt64(out var l):
                return l;
            case FloatSchema when TryGetDouble(json, out var f):
                return (float)f;
            case DoubleSchema when TryGetDouble(json, out var d):
                return d;
            case BytesSchema when json.ValueKind == JsonValueKind.String:
                return Latin1Bytes(json.GetString()!);
            case StringSchema when json.ValueKind == JsonValueKind.String:
                return json.GetString();
            case EnumSchema e when json.ValueKind == JsonValueKind.String && e.TryGetIndex(json.GetString()!, out var index):
                return new GenericEnum(e, index);
            case FixedSchema f when json.ValueKind == JsonValueKind.String:
                var bytes = Latin1Bytes(json.GetString()!);
                return bytes.Length == f.Size ? new GenericFixed(f, bytes) : throw Mismatch(schema, json);
            case ArraySchema a when json.ValueKind == JsonValueKind.Array:
                return json.EnumerateArray().Select(item => ToDatum(a.Items, item)).ToList();
            case MapSchema m when json.ValueKind == JsonValueKind.Object:
                var map = new Dictionary<string, object?>();
                foreach (var property in json.EnumerateObject())
                    map[property.Name] = ToDatum(m.Values, property.Value);
                return map;
            case RecordSchema r when json.ValueKind == JsonValueKind.Object:
                return ToRecord(r, json);
            case UnionSchema u when u.Branches.Count > 0:
                return ToDatum(u.Branches[0], json);
            default:
                throw Mismatch(schema, json);
        }
    }

    private static GenericRecord ToRecord(RecordSchema schema, JsonElement json)
    {
        var record = new GenericRecord(schema);
        foreach (var field in schema.Fields)
        {
            if (json.TryGetProperty(field.Name, out var value))
                record[field.Position] = ToDatum(field.Schema, value);
            else if (field.Default is { } fieldDefault)
                record[field.Position] = ToDatum(field.Schema, fieldDefault);
            else
                throw new AvroException($"the value for record '{schema.FullName}' lacks field '{field.Name}', which has no default");
        }

        return record;
    }

    private static bool TryGetDouble(JsonElement json, out double value)
    {
        if (json.ValueKind == JsonValueKind.Number)
            return json.TryGetDouble(out value);
        value = json.ValueKind == JsonValueKind.String ? json.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            _ => 0,
        } : 0;
        return json.ValueKind == JsonValueKind.String && (double.IsNaN(value) || double.IsInfinity(value));
    }

    internal static byte[] Latin1Bytes(string text)
    {
        var bytes = new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] > 0xFF)
                throw new AvroException($"character U+{(int)text[i]:X4} in a bytes value is above U+00FF");
            bytes[i] = (byte)text[i];
        }

        return bytes;
    }

    private static AvroException Mismatch(AvroSchema schema, JsonElement json)
    {
        var text = json.GetRawText();
        if (text.Length > 60)
            text = text[..57] + "...";
        var expected = schema is UnionSchema ? "a value for the union's first branch" : $"a value of type '{schema.DisplayName}'";
        return new AvroException($"expected {expected}, found {text}");
    }
}
