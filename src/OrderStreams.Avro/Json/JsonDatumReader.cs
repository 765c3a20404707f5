using System.Text.Json;
using OrderStreams.Avro.Generic;
using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.Json;

/// <summary>
/// Turns JSON into generic values, for two uses that differ only in unions and strictness: the spec's JSON encoding
/// (unions as <c>{"branch": value}</c>, unknown record fields rejected) and field defaults in schemas (a union default
/// belongs to the union's first branch; extra members are ignored). Bytes and fixed are strings of code points 0-255.
/// </summary>
internal static class JsonDatumReader
{
    /// <exception cref="AvroDecodeException">The JSON does not match the schema; the message names the JSON path.</exception>
    public static object? Read(JsonElement json, AvroSchema schema, bool jsonEncoding, string path = "$")
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
            case FloatSchema when TryGetFloating(json, out var f):
                return (float)f;
            case DoubleSchema when TryGetFloating(json, out var d):
                return d;
            case BytesSchema when json.ValueKind == JsonValueKind.String:
                return Bytes(json, path);
            case StringSchema when json.ValueKind == JsonValueKind.String:
                return json.GetString();
            case EnumSchema e when json.ValueKind == JsonValueKind.String && e.TryGetIndex(json.GetString()!, out var index):
                return new GenericEnum(e, index);
            case FixedSchema f when json.ValueKind == JsonValueKind.String:
                var bytes = Bytes(json, path);
                return bytes.Length == f.Size ? new GenericFixed(f, bytes) : throw Error(path, $"fixed '{f.FullName}' needs {f.Size} bytes, got {bytes.Length}");
            case ArraySchema a when json.ValueKind == JsonValueKind.Array:
                var list = new List<object?>(json.GetArrayLength());
                foreach (var item in json.EnumerateArray())
                    list.Add(Read(item, a.Items, jsonEncoding, $"{path}[{list.Count}]"));
                return list;
            case MapSchema m when json.ValueKind == JsonValueKind.Object:
                var map = new Dictionary<string, object?>();
                foreach (var property in json.EnumerateObject())
                    map[property.Name] = Read(property.Value, m.Values, jsonEncoding, $"{path}[\"{property.Name}\"]");
                return map;
            case RecordSchema r when json.ValueKind == JsonValueKind.Object:
                return ReadRecord(json, r, jsonEncoding, path);
            case UnionSchema u when jsonEncoding:
                return ReadTaggedUnion(json, u, path);
            case UnionSchema u when u.Branches.Count > 0:
                return Read(json, u.Branches[0], jsonEncoding, path);
            default:
                var expected = schema is UnionSchema ? "a union" : $"'{schema.DisplayName}'";
                throw Error(path, $"expected a JSON value for {expected}, found {Shorten(json.GetRawText())}");
        }
    }

    private static GenericRecord ReadRecord(JsonElement json, RecordSchema schema, bool jsonEncoding, string path)
    {
        if (jsonEncoding)
        {
            foreach (var property in json.EnumerateObject())
            {
                if (!schema.TryGetField(property.Name, out _))
                    throw Error(path, $"record '{schema.FullName}' has no field '{property.Name}'");
            }
        }

        var record = new GenericRecord(schema);
        foreach (var field in schema.Fields)
        {
            if (json.TryGetProperty(field.Name, out var value))
                record[field.Position] = Read(value, field.Schema, jsonEncoding, path + "." + field.Name);
            else if (field.Default is { } fieldDefault)
                record[field.Position] = Read(fieldDefault, field.Schema, jsonEncoding: false, path + "." + field.Name);
            else
                throw Error(path, $"missing field '{field.Name}' (it has no default)");
        }

        return record;
    }

    private static object? ReadTaggedUnion(JsonElement json, UnionSchema union, string path)
    {
        if (json.ValueKind == JsonValueKind.Null)
            return union.NullIndex >= 0 ? null : throw Error(path, $"null is not a branch of the union {union}");
        if (json.ValueKind != JsonValueKind.Object)
            throw Error(path, $"a union value must be null or an object naming its branch, found {Shorten(json.GetRawText())}");
        using var properties = json.EnumerateObject();
        if (!properties.MoveNext())
            throw Error(path, "a union value object must name its branch");
        var property = properties.Current;
        if (properties.MoveNext())
            throw Error(path, "a union value object must have exactly one member");
        var branch = union.IndexOf(property.Name);
        if (branch < 0)
            branch = FindBySimpleName(union, property.Name);
        if (branch < 0)
            throw Error(path, $"'{property.Name}' is not a branch of the union {union}");
        return Read(property.Value, union.Branches[branch], jsonEncoding: true, path);
    }

    private static int FindBySimpleName(UnionSchema union, string name)
    {
        for (var i = 0; i < union.Branches.Count; i++)
        {
            if (union.Branches[i] is NamedSchema named && named.Name == name)
                return i;
        }

        return -1;
    }

    private static bool TryGetFloating(JsonElement json, out double value)
    {
        value = 0;
        if (json.ValueKind == JsonValueKind.Number)
            return json.TryGetDouble(out value);
        if (json.ValueKind != JsonValueKind.String)
            return false;
        (var ok, value) = json.GetString() switch
        {
            "NaN" => (true, double.NaN),
            "Infinity" => (true, double.PositiveInfinity),
            "-Infinity" => (true, double.NegativeInfinity),
            _ => (false, 0d),
        };
        return ok;
    }

    private static byte[] Bytes(JsonElement json, string path)
    {
        var text = json.GetString()!;
        var bytes = new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] > 0xFF)
                throw Error(path, $"character U+{(int)text[i]:X4} in a bytes value is above U+00FF");
            bytes[i] = (byte)text[i];
        }

        return bytes;
    }

    private static string Shorten(string text) => text.Length > 60 ? text[..57] + "..." : text;

    private static AvroDecodeException Error(string path, string reason) => new(path == "$" ? reason : $"{path}: {reason}", -1);
}
