using System.Text.Json;

namespace OrderStreams.Avro.Schemas;

/// <summary>A field of a <see cref="RecordSchema"/>. The default, when present, is kept as the schema's JSON.</summary>
public sealed class RecordField
{
    public RecordField(
        string name,
        AvroSchema schema,
        JsonElement? defaultValue = null,
        string? doc = null,
        SortOrder order = SortOrder.Ascending,
        IEnumerable<string>? aliases = null,
        IReadOnlyDictionary<string, JsonElement>? properties = null)
    {
        if (!AvroName.IsValidName(name))
            throw new ArgumentException($"'{name}' is not a valid Avro field name.", nameof(name));
        Name = name;
        Schema = schema;
        Default = defaultValue?.Clone();
        Doc = doc;
        Order = order;
        Aliases = aliases?.ToArray() ?? [];
        Properties = properties ?? new Dictionary<string, JsonElement>();
    }

    public string Name { get; }

    public AvroSchema Schema { get; }

    /// <summary>Zero-based position in the record (also the field's index in a generic record).</summary>
    public int Position { get; internal set; }

    /// <summary>The default value as written in the schema (JSON), or null when the field has none.</summary>
    public JsonElement? Default { get; }

    public bool HasDefault => Default.HasValue;

    /// <summary>The default as a new generic value (see <see cref="Generic.GenericRecord"/> for the representation).</summary>
    /// <exception cref="InvalidOperationException">The field has no default.</exception>
    public object? GetDefaultValue() => Default is { } json
        ? Json.JsonDatumReader.Read(json, Schema, jsonEncoding: false)
        : throw new InvalidOperationException($"Field '{Name}' has no default.");

    public string? Doc { get; }

    public SortOrder Order { get; }

    /// <summary>Alternative names of the field, used when resolving data written with an older schema.</summary>
    public IReadOnlyList<string> Aliases { get; }

    public IReadOnlyDictionary<string, JsonElement> Properties { get; }

    public bool IsKnownAs(string name) => Name == name || Aliases.Contains(name);

    public override string ToString() => $"{Name}: {Schema.DisplayName}";
}
