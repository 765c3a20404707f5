using System.Text.Json;

namespace OrderStreams.Avro.Schemas;

/// <summary>Parses one source of a <see cref="SchemaParser"/>, tracking the JSON path for error messages.</summary>
internal sealed class SchemaSourceParser(SchemaParser owner, string source)
{
    private static readonly HashSet<string> RecordKeys = ["type", "name", "namespace", "doc", "aliases", "fields"];
    private static readonly HashSet<string> FieldKeys = ["name", "type", "doc", "default", "order", "aliases"];
    private static readonly HashSet<string> EnumKeys = ["type", "name", "namespace", "doc", "aliases", "symbols", "default"];
    private static readonly HashSet<string> FixedKeys = ["type", "name", "namespace", "doc", "aliases", "size"];
    private static readonly HashSet<string> ArrayKeys = ["type", "items"];
    private static readonly HashSet<string> MapKeys = ["type", "values"];
    private static readonly HashSet<string> PrimitiveKeys = ["type"];
    private static readonly HashSet<string> LogicalKeys = ["logicalType", "precision", "scale"];

    public AvroSchema Parse(JsonElement json, string? ns, string path) => json.ValueKind switch
    {
        JsonValueKind.String => ParseName(json.GetString()!, ns, path),
        JsonValueKind.Array => ParseUnion(json, ns, path),
        JsonValueKind.Object => ParseObject(json, ns, path),
        _ => throw Error($"expected a type name, an object or a union array, found {Describe(json)}", path),
    };

    private AvroSchema ParseName(string name, string? ns, string path)
    {
        var primitive = Primitive(name);
        if (primitive is not null)
            return primitive;
        if (!name.Split('.').All(AvroName.IsValidName))
            throw Error($"'{name}' is not a valid type name", path);
        return owner.Lookup(name, ns, source, path) ?? throw Error($"unknown type '{name}'", path);
    }

    private static AvroSchema? Primitive(string name) => name switch
    {
        "null" => AvroSchema.Null,
        "boolean" => AvroSchema.Boolean,
        "int" => AvroSchema.Int,
        "long" => AvroSchema.Long,
        "float" => AvroSchema.Float,
        "double" => AvroSchema.Double,
        "bytes" => AvroSchema.Bytes,
        "string" => AvroSchema.String,
        _ => null,
    };

    private UnionSchema ParseUnion(JsonElement json, string? ns, string path)
    {
        var branches = new List<AvroSchema>();
        var i = 0;
        foreach (var item in json.EnumerateArray())
            branches.Add(Parse(item, ns, $"{path}[{i++}]"));
        return Construct(() => new UnionSchema(branches), path);
    }

    private AvroSchema ParseObject(JsonElement json, string? ns, string path)
    {
        if (!json.TryGetProperty("type", out var type))
            throw Error("missing 'type'", path);
        if (type.ValueKind != JsonValueKind.String)
            return Parse(type, ns, path + ".type");
        var typeName = type.GetString()!;
        return typeName switch
        {
            "record" or "error" => ParseRecord(json, ns, path, typeName == "error"),
            "enum" => ParseEnum(json, ns, path),
            "fixed" => ParseFixed(json, ns, path),
            "array" => new ArraySchema(Parse(Required(json, "items", path), ns, path + ".items"), Properties(json, ArrayKeys)),
            "map" => new MapSchema(Parse(Required(json, "values", path), ns, path + ".values"), Properties(json, MapKeys)),
            _ when Primitive(typeName) is { } primitive => ParsePrimitive(primitive.Type, json, path),
            _ => ParseName(typeName, ns, path + ".type"),
        };
    }

    private AvroSchema ParsePrimitive(AvroType type, JsonElement json, string path)
    {
        var logicalType = ParseLogicalType(json, type, 0, path);
        var properties = Properties(json, logicalType is null ? PrimitiveKeys : [.. PrimitiveKeys, .. LogicalKeys]);
        if (logicalType is null && properties is null)
            return Primitive(DisplayNameOf(type))!;
        return type switch
        {
            AvroType.Null => new NullSchema(null, properties),
            AvroType.Boolean => new BooleanSchema(null, properties),
            AvroType.Int => new IntSchema(logicalType, properties),
            AvroType.Long => new LongSchema(logicalType, properties),
            AvroType.Float => new FloatSchema(null, properties),
            AvroType.Double => new DoubleSchema(null, properties),
            AvroType.Bytes => new BytesSchema(logicalType, properties),
            _ => new StringSchema(logicalType, properties),
        };
    }

    private static string DisplayNameOf(AvroType type) => type.ToString().ToLowerInvariant();

    /// <summary>Unknown or invalid logical types are ignored (kept as plain attributes), as the spec asks.</summary>
    private static LogicalType? ParseLogicalType(JsonElement json, AvroType type, int fixedSize, string path)
    {
        if (!json.TryGetProperty("logicalType", out var lt) || lt.ValueKind != JsonValueKind.String)
            return null;
        LogicalType? logicalType = lt.GetString() switch
        {
            "decimal" => ParseDecimal(json, type, fixedSize),
            "uuid" => LogicalType.Uuid,
            "date" => LogicalType.Date,
            "time-millis" => LogicalType.TimeMillis,
            "time-micros" => LogicalType.TimeMicros,
            "timestamp-millis" => LogicalType.TimestampMillis,
            "timestamp-micros" => LogicalType.TimestampMicros,
            "local-timestamp-millis" => LogicalType.LocalTimestampMillis,
            "local-timestamp-micros" => LogicalType.LocalTimestampMicros,
            "duration" when fixedSize == 12 => LogicalType.Duration,
            _ => null,
        };
        return logicalType is not null && logicalType.CanAnnotate(type) ? logicalType : null;
    }

    private static LogicalType? ParseDecimal(JsonElement json, AvroType type, int fixedSize)
    {
        if (!json.TryGetProperty("precision", out var p) || !p.TryGetInt32(out var precision) || precision <= 0)
            return null;
        var scale = 0;
        if (json.TryGetProperty("scale", out var s) && !s.TryGetInt32(out scale))
            return null;
        if (scale < 0 || scale > precision)
            return null;
        if (type == AvroType.Fixed && precision > MaxDecimalPrecision(fixedSize))
            return null;
        return LogicalType.Decimal(precision, scale);
    }

    private static int MaxDecimalPrecision(int size) =>
        size <= 0 ? 0 : (int)Math.Floor(Math.Log10(2) * (8 * size - 1));

    private RecordSchema ParseRecord(JsonElement json, string? ns, string path, bool isError)
    {
        var (name, space) = NameOf(json, ns, path);
        var record = Construct(
            () => new RecordSchema(name, space, null, OptionalString(json, "doc", path), Aliases(json, path), isError, Properties(json, RecordKeys)),
            path);
        owner.Register(record, source, path);
        var fieldsJson = Required(json, "fields", path);
        if (fieldsJson.ValueKind != JsonValueKind.Array)
            throw Error("'fields' must be an array", path + ".fields");
        var fields = new List<RecordField>();
        var i = 0;
        foreach (var fieldJson in fieldsJson.EnumerateArray())
            fields.Add(ParseField(fieldJson, record.Namespace, $"{path}.fields[{i++}]"));
        Construct(() => record.SetFields(fields), path + ".fields");
        for (var f = 0; f < fields.Count; f++)
            ValidateDefault(fields[f], $"{path}.fields[{f}].default");
        return record;
    }

    private RecordField ParseField(JsonElement json, string? ns, string path)
    {
        if (json.ValueKind != JsonValueKind.Object)
            throw Error("a field must be an object", path);
        var name = RequiredString(json, "name", path);
        var schema = Parse(Required(json, "type", path), ns, path + ".type");
        JsonElement? defaultValue = json.TryGetProperty("default", out var d) ? d : null;
        var order = OptionalString(json, "order", path) switch
        {
            null or "ascending" => SortOrder.Ascending,
            "descending" => SortOrder.Descending,
            "ignore" => SortOrder.Ignore,
            var other => throw Error($"invalid order '{other}' (expected ascending, descending or ignore)", path + ".order"),
        };
        return Construct(
            () => new RecordField(name, schema, defaultValue, OptionalString(json, "doc", path), order, Aliases(json, path), Properties(json, FieldKeys)),
            path);
    }

    private void ValidateDefault(RecordField field, string path)
    {
        if (field.Default is not { } json)
            return;
        try
        {
            Json.JsonDatumReader.Read(json, field.Schema, jsonEncoding: false);
        }
        catch (AvroException e)
        {
            throw Error($"invalid default for field '{field.Name}': {e.Message}", path);
        }
    }

    private EnumSchema ParseEnum(JsonElement json, string? ns, string path)
    {
        var (name, space) = NameOf(json, ns, path);
        var symbolsJson = Required(json, "symbols", path);
        if (symbolsJson.ValueKind != JsonValueKind.Array || symbolsJson.EnumerateArray().Any(s => s.ValueKind != JsonValueKind.String))
            throw Error("'symbols' must be an array of strings", path + ".symbols");
        var symbols = symbolsJson.EnumerateArray().Select(s => s.GetString()!).ToList();
        var schema = Construct(
            () => new EnumSchema(name, space, symbols, OptionalString(json, "default", path), OptionalString(json, "doc", path), Aliases(json, path), Properties(json, EnumKeys)),
            path);
        owner.Register(schema, source, path);
        return schema;
    }

    private FixedSchema ParseFixed(JsonElement json, string? ns, string path)
    {
        var (name, space) = NameOf(json, ns, path);
        var sizeJson = Required(json, "size", path);
        if (!sizeJson.TryGetInt32(out var size) || size < 0)
            throw Error("'size' must be a non-negative integer", path + ".size");
        var logicalType = ParseLogicalType(json, AvroType.Fixed, size, path);
        var keys = logicalType is null ? FixedKeys : [.. FixedKeys, .. LogicalKeys];
        var schema = Construct(
            () => new FixedSchema(name, space, size, logicalType, OptionalString(json, "doc", path), Aliases(json, path), Properties(json, keys)),
            path);
        owner.Register(schema, source, path);
        return schema;
    }

    private (string Name, string? Namespace) NameOf(JsonElement json, string? ns, string path)
    {
        var name = RequiredString(json, "name", path);
        if (!name.Contains('.') && json.TryGetProperty("namespace", out var space))
        {
            if (space.ValueKind != JsonValueKind.String)
                throw Error("'namespace' must be a string", path + ".namespace");
            ns = space.GetString();
        }

        return (name, string.IsNullOrEmpty(ns) ? null : ns);
    }

    private List<string>? Aliases(JsonElement json, string path)
    {
        if (!json.TryGetProperty("aliases", out var aliases))
            return null;
        if (aliases.ValueKind != JsonValueKind.Array || aliases.EnumerateArray().Any(a => a.ValueKind != JsonValueKind.String))
            throw Error("'aliases' must be an array of strings", path + ".aliases");
        return aliases.EnumerateArray().Select(a => a.GetString()!).ToList();
    }

    private static Dictionary<string, JsonElement>? Properties(JsonElement json, HashSet<string> reserved)
    {
        Dictionary<string, JsonElement>? properties = null;
        foreach (var property in json.EnumerateObject())
        {
            if (!reserved.Contains(property.Name))
                (properties ??= [])[property.Name] = property.Value.Clone();
        }

        return properties;
    }

    private JsonElement Required(JsonElement json, string name, string path) =>
        json.TryGetProperty(name, out var value) ? value : throw Error($"missing '{name}'", path);

    private string RequiredString(JsonElement json, string name, string path)
    {
        var value = Required(json, name, path);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Error($"'{name}' must be a string", $"{path}.{name}");
    }

    private string? OptionalString(JsonElement json, string name, string path)
    {
        if (!json.TryGetProperty(name, out var value))
            return null;
        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Error($"'{name}' must be a string", $"{path}.{name}");
    }

    private T Construct<T>(Func<T> create, string path)
    {
        try
        {
            return create();
        }
        catch (ArgumentException e)
        {
            throw Error(FirstSentence(e.Message), path);
        }
    }

    private void Construct(Action action, string path) => Construct(() => { action(); return 0; }, path);

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" (Parameter", StringComparison.Ordinal);
        return cut < 0 ? message : message[..cut];
    }

    private static string Describe(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => json.ValueKind.ToString(),
    };

    private AvroSchemaException Error(string reason, string path) => new(reason, source.Length == 0 ? null : source, path);
}
