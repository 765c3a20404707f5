using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.CodeGen;

/// <summary>
/// What the emitters need to know about the whole schema set: the named types to generate and, for each union of
/// records, the marker interface its branches implement (nested in the record whose field holds the union).
/// </summary>
internal sealed class ContractModel
{
    private readonly Dictionary<UnionSchema, string> _unionInterfaces = [];
    private readonly Dictionary<string, List<string>> _interfacesOf = [];

    public ContractModel(SchemaSet schemas, CSharpNaming naming)
    {
        Naming = naming;
        Types = schemas.NamedSchemas.Values.OrderBy(s => s.FullName, StringComparer.Ordinal).ToList();
        foreach (var record in Types.OfType<RecordSchema>())
        {
            foreach (var field in record.Fields)
            {
                var count = 0;
                foreach (var union in UnionsOfRecords(field.Schema))
                {
                    var name = $"I{CSharpNaming.Pascal(field.Name)}{(count++ == 0 ? "" : count.ToString())}";
                    var qualified = $"{naming.TypeName(record)}.{name}";
                    _unionInterfaces[union] = qualified;
                    foreach (var branch in union.Branches.OfType<RecordSchema>())
                    {
                        if (!_interfacesOf.TryGetValue(branch.FullName, out var list))
                            _interfacesOf[branch.FullName] = list = [];
                        list.Add(qualified);
                    }
                }
            }
        }
    }

    public CSharpNaming Naming { get; }

    public IReadOnlyList<NamedSchema> Types { get; }

    /// <summary>The fully qualified interface for a union of records.</summary>
    public string InterfaceOf(UnionSchema union) => _unionInterfaces[union];

    /// <summary>The union interfaces a record implements.</summary>
    public IReadOnlyList<string> InterfacesOf(RecordSchema record) =>
        _interfacesOf.TryGetValue(record.FullName, out var list) ? list : [];

    /// <summary>The nested interfaces declared by a record: one per union of records among its fields.</summary>
    public IEnumerable<string> DeclaredInterfaces(RecordSchema record)
    {
        var prefix = Naming.TypeName(record) + ".";
        return _unionInterfaces.Values.Where(i => i.StartsWith(prefix, StringComparison.Ordinal) && !i[prefix.Length..].Contains('.'))
            .Select(i => i[prefix.Length..]).Distinct().Order(StringComparer.Ordinal);
    }

    /// <summary>A union whose branches other than null are records (more than one); such unions get a marker interface.</summary>
    public static bool IsRecordUnion(UnionSchema union)
    {
        var others = union.Branches.Where(b => b.Type != AvroType.Null).ToList();
        return others.Count > 1 && others.All(b => b is RecordSchema);
    }

    private static IEnumerable<UnionSchema> UnionsOfRecords(AvroSchema schema) => schema switch
    {
        UnionSchema union when IsRecordUnion(union) => [union],
        UnionSchema union => union.Branches.SelectMany(UnionsOfRecords),
        ArraySchema array => UnionsOfRecords(array.Items),
        MapSchema map => UnionsOfRecords(map.Values),
        _ => [],
    };
}
