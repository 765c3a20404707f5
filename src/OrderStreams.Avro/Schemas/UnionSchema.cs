namespace OrderStreams.Avro.Schemas;

public sealed class UnionSchema : AvroSchema
{
    public UnionSchema(IEnumerable<AvroSchema> branches)
        : base(null)
    {
        var list = branches.ToArray();
        var seen = new HashSet<string>();
        for (var i = 0; i < list.Length; i++)
        {
            if (list[i] is UnionSchema)
                throw new ArgumentException("A union may not directly contain another union.", nameof(branches));
            if (!seen.Add(list[i].DisplayName))
                throw new ArgumentException($"The union contains '{list[i].DisplayName}' twice.", nameof(branches));
            if (list[i].Type == AvroType.Null)
                NullIndex = i;
        }

        Branches = list;
    }

    public override AvroType Type => AvroType.Union;

    public IReadOnlyList<AvroSchema> Branches { get; }

    /// <summary>The index of the <c>null</c> branch, or -1.</summary>
    public int NullIndex { get; } = -1;

    /// <summary>True for the common optional shape: two branches, one of them null.</summary>
    public bool IsNullable => NullIndex >= 0 && Branches.Count == 2;

    /// <summary>The branch with this display name (full name for named types), or -1.</summary>
    public int IndexOf(string displayName)
    {
        for (var i = 0; i < Branches.Count; i++)
        {
            if (Branches[i].DisplayName == displayName)
                return i;
        }

        return -1;
    }
}
