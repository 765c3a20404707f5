using System.Text;

namespace OrderStreams.Avro.Schemas;

/// <summary>Builds the spec's Parsing Canonical Form: full names, only defining attributes, fixed order, no whitespace.</summary>
internal static class CanonicalForm
{
    public static string Of(AvroSchema schema)
    {
        var sb = new StringBuilder();
        Append(schema, sb, []);
        return sb.ToString();
    }

    private static void Append(AvroSchema schema, StringBuilder sb, HashSet<string> seen)
    {
        switch (schema)
        {
            case PrimitiveSchema:
                sb.Append('"').Append(schema.DisplayName).Append('"');
                break;
            case NamedSchema named when !seen.Add(named.FullName):
                sb.Append('"').Append(named.FullName).Append('"');
                break;
            case RecordSchema record:
                sb.Append("{\"name\":\"").Append(record.FullName).Append("\",\"type\":\"record\",\"fields\":[");
                for (var i = 0; i < record.Fields.Count; i++)
                {
                    if (i > 0)
                        sb.Append(',');
                    sb.Append("{\"name\":\"").Append(record.Fields[i].Name).Append("\",\"type\":");
                    Append(record.Fields[i].Schema, sb, seen);
                    sb.Append('}');
                }

                sb.Append("]}");
                break;
            case EnumSchema enumSchema:
                sb.Append("{\"name\":\"").Append(enumSchema.FullName).Append("\",\"type\":\"enum\",\"symbols\":[");
                for (var i = 0; i < enumSchema.Symbols.Count; i++)
                    sb.Append(i > 0 ? ",\"" : "\"").Append(enumSchema.Symbols[i]).Append('"');
                sb.Append("]}");
                break;
            case FixedSchema fixedSchema:
                sb.Append("{\"name\":\"").Append(fixedSchema.FullName).Append("\",\"type\":\"fixed\",\"size\":")
                    .Append(fixedSchema.Size).Append('}');
                break;
            case ArraySchema array:
                sb.Append("{\"type\":\"array\",\"items\":");
                Append(array.Items, sb, seen);
                sb.Append('}');
                break;
            case MapSchema map:
                sb.Append("{\"type\":\"map\",\"values\":");
                Append(map.Values, sb, seen);
                sb.Append('}');
                break;
            case UnionSchema union:
                sb.Append('[');
                for (var i = 0; i < union.Branches.Count; i++)
                {
                    if (i > 0)
                        sb.Append(',');
                    Append(union.Branches[i], sb, seen);
                }

                sb.Append(']');
                break;
        }
    }
}
