using System.Collections;
using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.Generic;

/// <summary>Picks the union branch a generic value belongs to (exact type first, then a branch it can be widened to).</summary>
internal static class UnionBranches
{
    public static int Find(UnionSchema union, object? value)
    {
        var branches = union.Branches;
        if (value is null)
            return union.NullIndex;
        for (var i = 0; i < branches.Count; i++)
        {
            if (IsExact(branches[i], value))
                return i;
        }

        for (var i = 0; i < branches.Count; i++)
        {
            if (IsWidening(branches[i], value))
                return i;
        }

        return -1;
    }

    private static bool IsExact(AvroSchema branch, object value) => (branch, value) switch
    {
        (BooleanSchema, bool) => true,
        (IntSchema, int) => true,
        (LongSchema, long) => true,
        (FloatSchema, float) => true,
        (DoubleSchema, double) => true,
        (BytesSchema, byte[]) => true,
        (StringSchema, string) => true,
        (RecordSchema r, GenericRecord g) => r.FullName == g.Schema.FullName,
        (EnumSchema e, GenericEnum g) => e.FullName == g.Schema.FullName,
        (FixedSchema f, GenericFixed g) => f.FullName == g.Schema.FullName,
        (ArraySchema, IList) => true,
        (MapSchema, IDictionary) => true,
        _ => false,
    };

    private static bool IsWidening(AvroSchema branch, object value) => (branch, value) switch
    {
        (LongSchema or FloatSchema or DoubleSchema, int) => true,
        (FloatSchema or DoubleSchema, long) => true,
        (DoubleSchema, float) => true,
        (FixedSchema f, byte[] b) => b.Length == f.Size,
        (EnumSchema e, string s) => e.TryGetIndex(s, out _),
        (EnumSchema e, GenericEnum g) => e.TryGetIndex(g.Symbol, out _),
        (RecordSchema r, GenericRecord g) => r.Name == g.Schema.Name,
        (ArraySchema, IEnumerable) when value is not string and not byte[] and not IDictionary => true,
        (MapSchema, IEnumerable<KeyValuePair<string, object?>>) => true,
        _ => false,
    };
}
