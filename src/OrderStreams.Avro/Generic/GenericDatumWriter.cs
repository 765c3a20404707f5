using System.Buffers;
using System.Collections;
using OrderStreams.Avro.Binary;
using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.Generic;

/// <summary>
/// Writes generic values (see <see cref="GenericRecord"/> for the representation) with a schema. Also accepts a few
/// convenient equivalents: an int where a long/float/double is expected, a string for an enum, a byte[] for a fixed,
/// any list or enumerable for an array, any string-keyed dictionary for a map.
/// </summary>
public sealed class GenericDatumWriter(AvroSchema schema)
{
    public AvroSchema Schema { get; } = schema;

    /// <exception cref="AvroEncodeException">The value does not fit the schema; the message names the path in the datum.</exception>
    public void Write(object? datum, ref AvroWriter writer) => Write(Schema, datum, ref writer);

    /// <summary>Encodes one datum to a new array.</summary>
    public byte[] Serialize(object? datum)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        var writer = new AvroWriter(buffer);
        Write(datum, ref writer);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(AvroSchema schema, object? value, ref AvroWriter w)
    {
        switch (schema.Type)
        {
            case AvroType.Null:
                if (value is not null)
                    throw Mismatch(schema, value);
                break;
            case AvroType.Boolean:
                w.WriteBoolean(value is bool b ? b : throw Mismatch(schema, value));
                break;
            case AvroType.Int:
                w.WriteInt(value is int i ? i : throw Mismatch(schema, value));
                break;
            case AvroType.Long:
                w.WriteLong(value switch { long l => l, int n => n, _ => throw Mismatch(schema, value) });
                break;
            case AvroType.Float:
                w.WriteFloat(value switch { float f => f, int n => n, long l => l, _ => throw Mismatch(schema, value) });
                break;
            case AvroType.Double:
                w.WriteDouble(value switch { double d => d, float f => f, int n => n, long l => l, _ => throw Mismatch(schema, value) });
                break;
            case AvroType.Bytes:
                w.WriteBytes(value switch { byte[] bytes => bytes, ReadOnlyMemory<byte> m => m.Span, _ => throw Mismatch(schema, value) });
                break;
            case AvroType.String:
                w.WriteString(value is string s ? s : throw Mismatch(schema, value));
                break;
            case AvroType.Record:
                WriteRecord((RecordSchema)schema, value as GenericRecord ?? throw Mismatch(schema, value), ref w);
                break;
            case AvroType.Enum:
                WriteEnum((EnumSchema)schema, value, ref w);
                break;
            case AvroType.Fixed:
                WriteFixed((FixedSchema)schema, value, ref w);
                break;
            case AvroType.Array:
                WriteArray((ArraySchema)schema, value, ref w);
                break;
            case AvroType.Map:
                WriteMap((MapSchema)schema, value, ref w);
                break;
            case AvroType.Union:
                var union = (UnionSchema)schema;
                var branch = UnionBranches.Find(union, value);
                if (branch < 0)
                    throw new AvroEncodeException($"a value of type {TypeName(value)} matches no branch of the union {union}");
                w.WriteUnionIndex(branch);
                Write(union.Branches[branch], value, ref w);
                break;
        }
    }

    private static void WriteRecord(RecordSchema schema, GenericRecord record, ref AvroWriter w)
    {
        var sameSchema = ReferenceEquals(record.Schema, schema);
        foreach (var field in schema.Fields)
        {
            object? value;
            if (sameSchema)
                value = record[field.Position];
            else if (!record.TryGetValue(field.Name, out value))
                throw new AvroEncodeException($"the record has no field '{field.Name}'", "$." + field.Name);
            try
            {
                Write(field.Schema, value, ref w);
            }
            catch (AvroEncodeException e)
            {
                throw new AvroEncodeException(e.Reason, Prefix("." + field.Name, e.Path), e.InnerException);
            }
        }
    }

    private static void WriteEnum(EnumSchema schema, object? value, ref AvroWriter w)
    {
        var symbol = value switch
        {
            GenericEnum e => e.Symbol,
            string s => s,
            _ => throw Mismatch(schema, value),
        };
        if (!schema.TryGetIndex(symbol, out var index))
            throw new AvroEncodeException($"'{symbol}' is not a symbol of enum '{schema.FullName}'");
        w.WriteEnum(index);
    }

    private static void WriteFixed(FixedSchema schema, object? value, ref AvroWriter w)
    {
        var bytes = value switch
        {
            GenericFixed f => f.Value,
            byte[] b => b,
            _ => throw Mismatch(schema, value),
        };
        if (bytes.Length != schema.Size)
            throw new AvroEncodeException($"fixed '{schema.FullName}' needs {schema.Size} bytes, got {bytes.Length}");
        w.WriteFixed(bytes);
    }

    private static void WriteArray(ArraySchema schema, object? value, ref AvroWriter w)
    {
        if (value is not IEnumerable items || value is string or byte[] or IDictionary)
            throw Mismatch(schema, value);
        var list = items as IList ?? items.Cast<object?>().ToList();
        w.WriteArrayStart(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            try
            {
                Write(schema.Items, list[i], ref w);
            }
            catch (AvroEncodeException e)
            {
                throw new AvroEncodeException(e.Reason, Prefix($"[{i}]", e.Path), e.InnerException);
            }
        }

        w.WriteArrayEnd();
    }

    private static void WriteMap(MapSchema schema, object? value, ref AvroWriter w)
    {
        var entries = value switch
        {
            IDictionary<string, object?> d => d.ToList(),
            IEnumerable<KeyValuePair<string, object?>> e => e.ToList(),
            IDictionary d => d.Cast<DictionaryEntry>().Select(e => new KeyValuePair<string, object?>(e.Key as string ?? throw Mismatch(schema, value), e.Value)).ToList(),
            _ => throw Mismatch(schema, value),
        };
        w.WriteMapStart(entries.Count);
        foreach (var (key, item) in entries)
        {
            w.WriteString(key);
            try
            {
                Write(schema.Values, item, ref w);
            }
            catch (AvroEncodeException e)
            {
                throw new AvroEncodeException(e.Reason, Prefix($"[\"{key}\"]", e.Path), e.InnerException);
            }
        }

        w.WriteMapEnd();
    }

    private static string Prefix(string segment, string innerPath) => "$" + segment + innerPath[1..];

    private static string TypeName(object? value) => value?.GetType().Name ?? "null";

    private static AvroEncodeException Mismatch(AvroSchema schema, object? value) =>
        new($"expected a value for '{schema.DisplayName}', got {TypeName(value)}");
}
