using System.Buffers;
using System.Collections;
using System.Text;
using System.Text.Json;
using OrderStreams.Avro.Generic;
using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.Json;

/// <summary>
/// The spec's JSON encoding of generic data: bytes and fixed as strings of code points 0-255, enums as their symbol,
/// unions as <c>null</c> or <c>{"branch type name": value}</c> (full name for named types). Non-finite floats are
/// written as the strings <c>"NaN"</c>, <c>"Infinity"</c> and <c>"-Infinity"</c>.
/// </summary>
public static class AvroJson
{
    public static string ToJson(object? datum, AvroSchema schema, bool indented = false)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, SkipValidation = false }))
            Write(writer, datum, schema);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <exception cref="AvroEncodeException">The value does not fit the schema.</exception>
    public static void Write(Utf8JsonWriter writer, object? datum, AvroSchema schema) => WriteValue(writer, datum, schema, "$");

    /// <exception cref="AvroDecodeException">The JSON is malformed or does not match the schema; the message names the JSON path.</exception>
    public static object? FromJson(string json, AvroSchema schema)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new AvroDecodeException($"invalid JSON: {e.Message}", -1, e);
        }

        using (document)
            return FromJson(document.RootElement, schema);
    }

    public static object? FromJson(JsonElement json, AvroSchema schema) => ReadValue(json, schema, "$");

    private static void WriteValue(Utf8JsonWriter w, object? value, AvroSchema schema, string path)
    {
        switch (schema, value)
        {
            case (NullSchema, null):
                w.WriteNullValue();
                break;
            case (BooleanSchema, bool b):
                w.WriteBooleanValue(b);
                break;
            case (IntSchema, int i):
                w.WriteNumberValue(i);
                break;
            case (LongSchema, long or int):
                w.WriteNumberValue(Convert.ToInt64(value));
                break;
            case (FloatSchema, float f):
                WriteFloating(w, f);
                break;
            case (FloatSchema or DoubleSchema, double or float or int or long):
                WriteFloating(w, Convert.ToDouble(value));
                break;
            case (BytesSchema, byte[] bytes):
                w.WriteStringValue(Latin1(bytes));
                break;
            case (StringSchema, string s):
                w.WriteStringValue(s);
                break;
            case (EnumSchema e, GenericEnum or string) when e.TryGetIndex(value.ToString()!, out _):
                w.WriteStringValue(value.ToString());
                break;
            case (FixedSchema f, GenericFixed or byte[]):
                var fixedBytes = value as byte[] ?? ((GenericFixed)value).Value;
                if (fixedBytes.Length != f.Size)
                    throw new AvroEncodeException($"fixed '{f.FullName}' needs {f.Size} bytes, got {fixedBytes.Length}", path);
                w.WriteStringValue(Latin1(fixedBytes));
                break;
            case (RecordSchema r, GenericRecord record):
                w.WriteStartObject();
                foreach (var field in r.Fields)
                {
                    if (!record.TryGetValue(field.Name, out var fieldValue))
                        throw new AvroEncodeException($"the record has no field '{field.Name}'", path);
                    w.WritePropertyName(field.Name);
                    WriteValue(w, fieldValue, field.Schema, path + "." + field.Name);
                }

                w.WriteEndObject();
                break;
            case (ArraySchema a, IEnumerable items) when value is not string and not byte[] and not IDictionary:
                w.WriteStartArray();
                var index = 0;
                foreach (var item in items)
                    WriteValue(w, item, a.Items, $"{path}[{index++}]");
                w.WriteEndArray();
                break;
            case (MapSchema m, IEnumerable<KeyValuePair<string, object?>> entries):
                w.WriteStartObject();
                foreach (var (key, item) in entries)
                {
                    w.WritePropertyName(key);
                    WriteValue(w, item, m.Values, $"{path}[\"{key}\"]");
                }

                w.WriteEndObject();
                break;
            case (UnionSchema u, _):
                var branch = UnionBranches.Find(u, value);
                if (branch < 0)
                    throw new AvroEncodeException($"a value of type {value?.GetType().Name ?? "null"} matches no branch of the union {u}", path);
                if (value is null)
                {
                    w.WriteNullValue();
                    break;
                }

                w.WriteStartObject();
                w.WritePropertyName(u.Branches[branch].DisplayName);
                WriteValue(w, value, u.Branches[branch], path);
                w.WriteEndObject();
                break;
            default:
                throw new AvroEncodeException($"expected a value for '{schema.DisplayName}', got {value?.GetType().Name ?? "null"}", path);
        }
    }

    private static void WriteFloating(Utf8JsonWriter w, double value)
    {
        if (double.IsFinite(value))
            w.WriteNumberValue(value);
        else
            w.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
    }

    private static void WriteFloating(Utf8JsonWriter w, float value)
    {
        if (float.IsFinite(value))
            w.WriteNumberValue(value);
        else
            WriteFloating(w, (double)value);
    }

    private static string Latin1(byte[] bytes) => string.Create(bytes.Length, bytes, static (chars, b) =>
    {
        for (var i = 0; i < b.Length; i++)
            chars[i] = (char)b[i];
    });

    private static object? ReadValue(JsonElement json, AvroSchema schema, string path)
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
                    list.Add(ReadValue(item, a.Items, $"{path}[{list.Count}]"));
                return list;
            case MapSchema m when json.ValueKind == JsonValueKind.Object:
                var map = new Dictionary<string, object?>();
                foreach (var property in json.EnumerateObject())
                    map[property.Name] = ReadValue(property.Value, m.Values, $"{path}[\"{property.Name}\"]");
                return map;
            case RecordSchema r when json.ValueKind == JsonValueKind.Object:
                return ReadRecord(json, r, path);
            case UnionSchema u:
                return ReadUnion(json, u, path);
            default:
                throw Error(path, $"expected a JSON value for '{schema.DisplayName}', found {Shorten(json.GetRawText())}");
        }
    }

    private static GenericRecord ReadRecord(JsonElement json, RecordSchema schema, string path)
    {
        var record = new GenericRecord(schema);
        foreach (var property in json.EnumerateObject())
        {
            if (!schema.TryGetField(property.Name, out _))
                throw Error(path, $"record '{schema.FullName}' has no field '{property.Name}'");
        }

        foreach (var field in schema.Fields)
        {
            if (json.TryGetProperty(field.Name, out var value))
                record[field.Position] = ReadValue(value, field.Schema, path + "." + field.Name);
            else if (field.Default is { } fieldDefault)
                record[field.Position] = DefaultValues.ToDatum(field.Schema, fieldDefault);
            else
                throw Error(path, $"missing field '{field.Name}' (it has no default)");
        }

        return record;
    }

    private static object? ReadUnion(JsonElement json, UnionSchema union, string path)
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
        return ReadValue(property.Value, union.Branches[branch], path);
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
        try
        {
            return DefaultValues.Latin1Bytes(json.GetString()!);
        }
        catch (AvroException e)
        {
            throw Error(path, e.Message);
        }
    }

    private static string Shorten(string text) => text.Length > 60 ? text[..57] + "..." : text;

    private static AvroDecodeException Error(string path, string reason) => new($"{path}: {reason}", -1);
}
