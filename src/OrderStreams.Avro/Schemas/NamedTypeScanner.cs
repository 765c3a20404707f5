using System.Text.Json;

namespace OrderStreams.Avro.Schemas;

/// <summary>Finds named types: declared in raw schema JSON (before parsing, to order sources) or nested in a parsed schema.</summary>
internal static class NamedTypeScanner
{
    public static IEnumerable<(string FullName, string? Namespace)> Declarations(JsonElement json)
    {
        var found = new List<(string, string?)>();
        Scan(json, null, found);
        return found;
    }

    public static IEnumerable<NamedSchema> NamedTypesIn(AvroSchema schema)
    {
        var found = new Dictionary<string, NamedSchema>();
        Collect(schema, found);
        return found.Values;
    }

    private static void Scan(JsonElement json, string? ns, List<(string, string?)> found)
    {
        if (json.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in json.EnumerateArray())
                Scan(item, ns, found);
            return;
        }

        if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty("type", out var type))
            return;
        if (type.ValueKind != JsonValueKind.String)
        {
            Scan(type, ns, found);
            return;
        }

        switch (type.GetString())
        {
            case "record" or "error" or "enum" or "fixed" when json.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String:
                var simple = name.GetString()!;
                var space = simple.Contains('.') ? null
                    : json.TryGetProperty("namespace", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : ns;
                var full = AvroName.Qualify(simple, space);
                found.Add((full, AvroName.NamespaceOf(full)));
                if (json.TryGetProperty("fields", out var fields) && fields.ValueKind == JsonValueKind.Array)
                {
                    foreach (var field in fields.EnumerateArray())
                    {
                        if (field.ValueKind == JsonValueKind.Object && field.TryGetProperty("type", out var fieldType))
                            Scan(fieldType, AvroName.NamespaceOf(full), found);
                    }
                }

                break;
            case "array" when json.TryGetProperty("items", out var items):
                Scan(items, ns, found);
                break;
            case "map" when json.TryGetProperty("values", out var values):
                Scan(values, ns, found);
                break;
        }
    }

    private static void Collect(AvroSchema schema, Dictionary<string, NamedSchema> found)
    {
        switch (schema)
        {
            case NamedSchema named when !found.TryAdd(named.FullName, named):
                return;
            case RecordSchema record:
                foreach (var field in record.Fields)
                    Collect(field.Schema, found);
                break;
            case ArraySchema array:
                Collect(array.Items, found);
                break;
            case MapSchema map:
                Collect(map.Values, found);
                break;
            case UnionSchema union:
                foreach (var branch in union.Branches)
                    Collect(branch, found);
                break;
        }
    }
}
