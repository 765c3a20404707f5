using System.Text.Json;

namespace OrderStreams.Avro.Schemas;

/// <summary>A record, enum or fixed: a schema with a full name, aliases and documentation.</summary>
public abstract class NamedSchema : AvroSchema
{
    private protected NamedSchema(string name, string? ns, string? doc, IEnumerable<string>? aliases, IReadOnlyDictionary<string, JsonElement>? properties)
        : base(properties)
    {
        var full = AvroName.Qualify(name, ns);
        AvroName.ValidateFullName(full);
        FullName = full;
        var dot = full.LastIndexOf('.');
        Name = dot < 0 ? full : full[(dot + 1)..];
        Namespace = dot < 0 ? null : full[..dot];
        Doc = doc;
        var list = new List<string>();
        foreach (var alias in aliases ?? [])
        {
            var qualified = AvroName.Qualify(alias, Namespace);
            AvroName.ValidateFullName(qualified);
            list.Add(qualified);
        }

        Aliases = list;
    }

    /// <summary>The unqualified name.</summary>
    public string Name { get; }

    /// <summary>The namespace, or null for the null namespace.</summary>
    public string? Namespace { get; }

    public string FullName { get; }

    /// <summary>Aliases as full names (relative aliases are qualified with this schema's namespace).</summary>
    public IReadOnlyList<string> Aliases { get; }

    public string? Doc { get; }

    public override string DisplayName => FullName;

    /// <summary>Whether <paramref name="fullName"/> is this schema's full name or one of its aliases.</summary>
    public bool IsKnownAs(string fullName) => FullName == fullName || Aliases.Contains(fullName);
}
