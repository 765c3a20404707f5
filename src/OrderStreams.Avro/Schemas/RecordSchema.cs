using System.Text.Json;

namespace OrderStreams.Avro.Schemas;

public sealed class RecordSchema : NamedSchema
{
    private IReadOnlyList<RecordField> _fields = [];
    private Dictionary<string, RecordField> _byName = [];
    private bool _fieldsSet;

    /// <summary>
    /// Creates a record. Pass <paramref name="fields"/> now, or leave it null and call <see cref="SetFields"/> once
    /// (needed for recursive records, whose fields refer to the record itself).
    /// </summary>
    public RecordSchema(
        string name,
        string? ns = null,
        IEnumerable<RecordField>? fields = null,
        string? doc = null,
        IEnumerable<string>? aliases = null,
        bool isError = false,
        IReadOnlyDictionary<string, JsonElement>? properties = null)
        : base(name, ns, doc, aliases, properties)
    {
        IsError = isError;
        if (fields is not null)
            SetFields(fields);
    }

    public override AvroType Type => AvroType.Record;

    /// <summary>True for a schema declared with <c>"type": "error"</c> (encoded exactly like a record).</summary>
    public bool IsError { get; }

    public IReadOnlyList<RecordField> Fields => _fields;

    public void SetFields(IEnumerable<RecordField> fields)
    {
        if (_fieldsSet)
            throw new InvalidOperationException($"The fields of record '{FullName}' are already set.");
        var list = fields.ToList();
        var byName = new Dictionary<string, RecordField>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            if (!byName.TryAdd(list[i].Name, list[i]))
                throw new ArgumentException($"Record '{FullName}' has two fields named '{list[i].Name}'.", nameof(fields));
            list[i].Position = i;
        }

        _fields = list;
        _byName = byName;
        _fieldsSet = true;
    }

    public bool TryGetField(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RecordField? field) =>
        _byName.TryGetValue(name, out field);

    public RecordField GetField(string name) =>
        _byName.TryGetValue(name, out var field) ? field : throw new KeyNotFoundException($"Record '{FullName}' has no field '{name}'.");
}
