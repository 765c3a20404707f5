using System.Buffers;
using System.Collections;
using System.Text;
using System.Text.Encodings.Web;
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
    /// <summary>Text for people and tools: non-ASCII characters are written as themselves, not as \u escapes.</summary>
    public static string ToJson(object? datum, AvroSchema schema, bool indented = false)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
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

    public static object? FromJson(JsonElement json, AvroSchema schema) => JsonDatumReader.Read(json, schema, jsonEncoding: true);

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
}
