using System.Text.Json;

namespace OrderStreams.Avro.Schemas;

public sealed class EnumSchema : NamedSchema
{
    private readonly Dictionary<string, int> _indexes;

    public EnumSchema(
        string name,
        string? ns,
        IEnumerable<string> symbols,
        string? defaultSymbol = null,
        string? doc = null,
        IEnumerable<string>? aliases = null,
        IReadOnlyDictionary<string, JsonElement>? properties = null)
        : base(name, ns, doc, aliases, properties)
    {
        var list = symbols.ToArray();
        _indexes = new Dictionary<string, int>(list.Length);
        for (var i = 0; i < list.Length; i++)
        {
            if (!AvroName.IsValidName(list[i]))
                throw new ArgumentException($"'{list[i]}' is not a valid enum symbol.", nameof(symbols));
            if (!_indexes.TryAdd(list[i], i))
                throw new ArgumentException($"Enum '{FullName}' repeats the symbol '{list[i]}'.", nameof(symbols));
        }

        if (defaultSymbol is not null && !_indexes.ContainsKey(defaultSymbol))
            throw new ArgumentException($"The default '{defaultSymbol}' of enum '{FullName}' is not one of its symbols.", nameof(defaultSymbol));
        Symbols = list;
        Default = defaultSymbol;
    }

    public override AvroType Type => AvroType.Enum;

    public IReadOnlyList<string> Symbols { get; }

    /// <summary>The symbol a reader uses for a writer's symbol it does not know (schema resolution).</summary>
    public string? Default { get; }

    public bool TryGetIndex(string symbol, out int index) => _indexes.TryGetValue(symbol, out index);

    public int GetIndex(string symbol) =>
        _indexes.TryGetValue(symbol, out var index) ? index : throw new KeyNotFoundException($"Enum '{FullName}' has no symbol '{symbol}'.");
}
