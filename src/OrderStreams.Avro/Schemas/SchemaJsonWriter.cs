using System.Text;
using System.Text.Json;

namespace OrderStreams.Avro.Schemas;

/// <summary>Writes a schema's full JSON form; named types are defined once and referenced by full name after that.</summary>
internal static class SchemaJsonWriter
{
    public static string Write(AvroSchema schema, bool indented)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
            Write(schema, writer, [], null);
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static void Write(AvroSchema schema, Utf8JsonWriter w, HashSet<string> seen, string? ns)
    {
        switch (schema)
        {
            case PrimitiveSchema when schema.LogicalType is null && schema.Properties.Count == 0:
                w.WriteStringValue(schema.DisplayName);
                break;
            case PrimitiveSchema:
                w.WriteStartObject();
                w.WriteString("type", schema.DisplayName);
                WriteLogicalType(schema.LogicalType, w);
                WriteProperties(schema.Properties, w);
                w.WriteEndObject();
                break;
            case NamedSchema named when !seen.Add(named.FullName):
                w.WriteStringValue(named.Namespace == ns ? named.Name : named.FullName);
                break;
            case NamedSchema named:
                WriteNamed(named, w, seen, ns);
                break;
            case ArraySchema array:
                WriteContainer(array, "items", array.Items, w, seen, ns);
                break;
            case MapSchema map:
                WriteContainer(map, "values", map.Values, w, seen, ns);
                break;
            case UnionSchema union:
                w.WriteStartArray();
                foreach (var branch in union.Branches)
                    Write(branch, w, seen, ns);
                w.WriteEndArray();
                break;
        }
    }

    private static void WriteContainer(AvroSchema container, string childName, AvroSchema child, Utf8JsonWriter w, HashSet<string> seen, string? ns)
    {
        w.WriteStartObject();
        w.WriteString("type", container.DisplayName);
        w.WritePropertyName(childName);
        Write(child, w, seen, ns);
        WriteProperties(container.Properties, w);
        w.WriteEndObject();
    }

    private static void WriteNamed(NamedSchema named, Utf8JsonWriter w, HashSet<string> seen, string? ns)
    {
        w.WriteStartObject();
        w.WriteString("type", named switch
        {
            RecordSchema { IsError: true } => "error",
            RecordSchema => "record",
            EnumSchema => "enum",
            _ => "fixed",
        });
        w.WriteString("name", named.Name);
        if (named.Namespace != ns)
            w.WriteString("namespace", named.Namespace ?? "");
        if (named.Doc is not null)
            w.WriteString("doc", named.Doc);
        if (named.Aliases.Count > 0)
            WriteStrings("aliases", named.Aliases, w);
        switch (named)
        {
            case RecordSchema record:
                w.WriteStartArray("fields");
                foreach (var field in record.Fields)
                    WriteField(field, w, seen, record.Namespace);
                w.WriteEndArray();
                break;
            case EnumSchema enumSchema:
                WriteStrings("symbols", enumSchema.Symbols, w);
                if (enumSchema.Default is not null)
                    w.WriteString("default", enumSchema.Default);
                break;
            case FixedSchema fixedSchema:
                w.WriteNumber("size", fixedSchema.Size);
                WriteLogicalType(fixedSchema.LogicalType, w);
                break;
        }

        WriteProperties(named.Properties, w);
        w.WriteEndObject();
    }

    private static void WriteField(RecordField field, Utf8JsonWriter w, HashSet<string> seen, string? ns)
    {
        w.WriteStartObject();
        w.WriteString("name", field.Name);
        w.WritePropertyName("type");
        Write(field.Schema, w, seen, ns);
        if (field.Doc is not null)
            w.WriteString("doc", field.Doc);
        if (field.Default is { } defaultValue)
        {
            w.WritePropertyName("default");
            defaultValue.WriteTo(w);
        }

        if (field.Order != SortOrder.Ascending)
            w.WriteString("order", field.Order == SortOrder.Descending ? "descending" : "ignore");
        if (field.Aliases.Count > 0)
            WriteStrings("aliases", field.Aliases, w);
        WriteProperties(field.Properties, w);
        w.WriteEndObject();
    }

    private static void WriteLogicalType(LogicalType? logicalType, Utf8JsonWriter w)
    {
        if (logicalType is null)
            return;
        w.WriteString("logicalType", logicalType.Name);
        if (logicalType.Kind == LogicalTypeKind.Decimal)
        {
            w.WriteNumber("precision", logicalType.Precision);
            w.WriteNumber("scale", logicalType.Scale);
        }
    }

    private static void WriteStrings(string name, IReadOnlyList<string> values, Utf8JsonWriter w)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
            w.WriteStringValue(value);
        w.WriteEndArray();
    }

    private static void WriteProperties(IReadOnlyDictionary<string, JsonElement> properties, Utf8JsonWriter w)
    {
        foreach (var (key, value) in properties)
        {
            w.WritePropertyName(key);
            value.WriteTo(w);
        }
    }
}
