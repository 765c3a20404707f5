using System.Collections;
using System.ComponentModel;
using OrderStreams.Avro.Binary;
using OrderStreams.Avro.Generic;
using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.Specific;

/// <summary>Helpers called by generated records; not meant for hand-written code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedCodeSupport
{
    public static void CheckRecord(GenericRecord record, string fullName)
    {
        if (record.Schema.FullName != fullName && !record.Schema.IsKnownAs(fullName))
            throw new AvroResolutionException($"A generic record of '{record.Schema.FullName}' cannot become a '{fullName}'; resolve it to that schema first.");
    }

    /// <summary>The index of a generic enum's symbol in <paramref name="schema"/> (which may list symbols in another order).</summary>
    public static int EnumIndex(object? value, EnumSchema schema)
    {
        var generic = (GenericEnum)value!;
        return ReferenceEquals(generic.Schema, schema) ? generic.Index : schema.GetIndex(generic.Symbol);
    }

    public static AvroEncodeException UnknownBranch(object? value, string unionType) =>
        new($"{value?.GetType().FullName ?? "null"} is not a branch of {unionType}");

    public static void WriteFixed(ref AvroWriter writer, byte[] value, int size)
    {
        if (value.Length != size)
            throw new AvroEncodeException($"a fixed of {size} bytes cannot hold {value.Length} bytes");
        writer.WriteFixed(value);
    }

    public static byte[] FixedDecimal(decimal value, int scale, int size)
    {
        var bytes = new byte[size];
        LogicalValues.WriteFixedDecimal(value, scale, bytes);
        return bytes;
    }

    /// <summary>Equality of values that C# compares by reference: lists and byte arrays by sequence, maps by entries.</summary>
    public static bool DeepEquals<T>(T a, T b) => DeepEqualsObject(a, b);

    public static int DeepHash<T>(T value)
    {
        switch (value)
        {
            case null:
                return 0;
            case IDictionary map:
                return map.Count;
            case IEnumerable sequence and not string:
                var hash = new HashCode();
                foreach (var item in sequence)
                    hash.Add(DeepHash(item));
                return hash.ToHashCode();
            default:
                return value.GetHashCode();
        }
    }

    private static bool DeepEqualsObject(object? a, object? b)
    {
        if (ReferenceEquals(a, b))
            return true;
        if (a is null || b is null)
            return false;
        if (a is byte[] x && b is byte[] y)
            return x.AsSpan().SequenceEqual(y);
        if (a is IDictionary mapA && b is IDictionary mapB)
        {
            if (mapA.Count != mapB.Count)
                return false;
            foreach (DictionaryEntry entry in mapA)
            {
                if (!mapB.Contains(entry.Key) || !DeepEqualsObject(entry.Value, mapB[entry.Key]))
                    return false;
            }

            return true;
        }

        if (a is IEnumerable listA and not string && b is IEnumerable listB and not string)
        {
            var left = listA.GetEnumerator();
            var right = listB.GetEnumerator();
            while (true)
            {
                var more = left.MoveNext();
                if (more != right.MoveNext())
                    return false;
                if (!more)
                    return true;
                if (!DeepEqualsObject(left.Current, right.Current))
                    return false;
            }
        }

        return a.Equals(b);
    }
}
