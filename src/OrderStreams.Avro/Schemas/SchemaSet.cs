using System.Diagnostics.CodeAnalysis;

namespace OrderStreams.Avro.Schemas;

/// <summary>The schemas of several sources parsed together by a <see cref="SchemaParser"/>: every named type by full name.</summary>
public sealed class SchemaSet
{
    private readonly Dictionary<string, NamedSchema> _named;
    private readonly Dictionary<string, AvroSchema> _sources;
    private readonly Dictionary<string, string> _definedIn;

    internal SchemaSet(Dictionary<string, NamedSchema> named, Dictionary<string, AvroSchema> sources, Dictionary<string, string> definedIn)
    {
        _named = named;
        _sources = sources;
        _definedIn = definedIn;
    }

    /// <summary>Every named type (records, enums, fixed), nested ones included, by full name.</summary>
    public IReadOnlyDictionary<string, NamedSchema> NamedSchemas => _named;

    /// <summary>The top-level schema of each source, by source name.</summary>
    public IReadOnlyDictionary<string, AvroSchema> Sources => _sources;

    public NamedSchema this[string fullName] =>
        _named.TryGetValue(fullName, out var schema) ? schema : throw new KeyNotFoundException($"No named type '{fullName}' in the schema set.");

    public bool TryGetNamed(string fullName, [NotNullWhen(true)] out NamedSchema? schema) => _named.TryGetValue(fullName, out schema);

    public AvroSchema GetSource(string sourceName) =>
        _sources.TryGetValue(sourceName, out var schema) ? schema : throw new KeyNotFoundException($"No source '{sourceName}' in the schema set.");

    /// <summary>The source that defines <paramref name="fullName"/>, or null for a type given to the parser ready-made.</summary>
    public string? SourceOf(string fullName) => _definedIn.GetValueOrDefault(fullName);
}
