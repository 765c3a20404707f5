using System.Text.Json;

namespace OrderStreams.Avro.Schemas;

/// <summary>
/// Parses schema documents that may refer to each other's named types, in any order:
/// <c>Add</c> each source, then <see cref="Build"/>. Errors name the source and the JSON path.
/// </summary>
public sealed class SchemaParser
{
    private readonly Dictionary<string, JsonDocument> _pending = [];
    private readonly List<string> _order = [];
    private readonly Dictionary<string, NamedSchema> _named = [];
    private readonly Dictionary<string, string> _definedIn = [];
    private readonly Dictionary<string, string> _declaredIn = [];
    private readonly Dictionary<string, AvroSchema> _parsed = [];
    private readonly HashSet<string> _inProgress = [];

    /// <summary>Queues a schema document; it is parsed by <see cref="Build"/>.</summary>
    /// <exception cref="AvroSchemaException">The text is not JSON, or the source name was already added.</exception>
    public void Add(string sourceName, string json)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(json);
        if (_pending.ContainsKey(sourceName) || _parsed.ContainsKey(sourceName))
            throw new AvroSchemaException($"the source '{sourceName}' was added twice", sourceName);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new AvroSchemaException($"invalid JSON: {e.Message}", sourceName.Length == 0 ? null : sourceName, "$", e);
        }

        _pending.Add(sourceName, document);
        _order.Add(sourceName);
        foreach (var (fullName, _) in NamedTypeScanner.Declarations(document.RootElement))
            _declaredIn.TryAdd(fullName, sourceName);
    }

    /// <summary>Makes a ready-made named type (and the named types inside it) known to the sources, e.g. a schema reference from a registry.</summary>
    public void AddNamed(NamedSchema schema)
    {
        foreach (var named in NamedTypeScanner.NamedTypesIn(schema))
        {
            if (_named.TryGetValue(named.FullName, out var existing) && !ReferenceEquals(existing, named) && existing.CanonicalForm != named.CanonicalForm)
                throw new AvroSchemaException($"type '{named.FullName}' is already defined differently");
            _named[named.FullName] = named;
        }
    }

    /// <summary>Parses every queued source, resolving named types across sources regardless of the order they were added in.</summary>
    public SchemaSet Build()
    {
        foreach (var source in _order)
        {
            if (!_parsed.ContainsKey(source))
                ParseSource(source);
        }

        return new SchemaSet(new Dictionary<string, NamedSchema>(_named), new Dictionary<string, AvroSchema>(_parsed), new Dictionary<string, string>(_definedIn));
    }

    private void ParseSource(string source)
    {
        _inProgress.Add(source);
        using var document = _pending[source];
        var schema = new SchemaSourceParser(this, source).Parse(document.RootElement, null, "$");
        _pending.Remove(source);
        _inProgress.Remove(source);
        _parsed.Add(source, schema);
    }

    internal NamedSchema? Lookup(string name, string? ns, string source, string path)
    {
        var full = AvroName.Qualify(name, ns);
        if (_named.TryGetValue(full, out var schema) || _named.TryGetValue(name, out schema))
            return schema;
        var declaringSource = _declaredIn.GetValueOrDefault(full) ?? _declaredIn.GetValueOrDefault(name);
        if (declaringSource is null || declaringSource == source || _parsed.ContainsKey(declaringSource))
            return null;
        if (_inProgress.Contains(declaringSource))
            throw new AvroSchemaException($"type '{full}' is used before '{declaringSource}' defines it (circular reference between sources)", source, path);
        ParseSource(declaringSource);
        return _named.GetValueOrDefault(full) ?? _named.GetValueOrDefault(name);
    }

    internal void Register(NamedSchema schema, string source, string path)
    {
        if (_named.ContainsKey(schema.FullName))
        {
            var where = _definedIn.TryGetValue(schema.FullName, out var s) ? $" in '{s}'" : "";
            throw new AvroSchemaException($"type '{schema.FullName}' is already defined{where}", source, path);
        }

        _named.Add(schema.FullName, schema);
        _definedIn.Add(schema.FullName, source);
    }
}
