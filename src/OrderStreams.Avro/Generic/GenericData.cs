namespace OrderStreams.Avro.Generic;

/// <summary>Deep equality and deep copies of generic values (byte arrays, lists and maps by content).</summary>
public static class GenericData
{
    public static new bool Equals(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (byte[] x, byte[] y) => x.AsSpan().SequenceEqual(y),
        (IList<object?> x, IList<object?> y) => x.Count == y.Count && ValuesEqual(x, y),
        (IDictionary<string, object?> x, IDictionary<string, object?> y) =>
            x.Count == y.Count && x.All(kv => y.TryGetValue(kv.Key, out var other) && Equals(kv.Value, other)),
        (float x, float y) => x.Equals(y),
        (double x, double y) => x.Equals(y),
        _ => a.Equals(b),
    };

    /// <summary>A copy that shares nothing mutable with <paramref name="value"/> (records, lists, maps, byte arrays, fixed values).</summary>
    public static object? DeepCopy(object? value)
    {
        switch (value)
        {
            case GenericRecord record:
                var copy = new GenericRecord(record.Schema);
                for (var i = 0; i < record.Schema.Fields.Count; i++)
                    copy[i] = DeepCopy(record[i]);
                return copy;
            case List<object?> list:
                return list.ConvertAll(DeepCopy);
            case Dictionary<string, object?> map:
                return map.ToDictionary(kv => kv.Key, kv => DeepCopy(kv.Value));
            case byte[] bytes:
                return bytes.ToArray();
            case GenericFixed fixedValue:
                return new GenericFixed(fixedValue.Schema, fixedValue.Value.ToArray());
            default:
                return value;
        }
    }

    internal static bool ValuesEqual(IList<object?> a, IList<object?> b)
    {
        if (a.Count != b.Count)
            return false;
        for (var i = 0; i < a.Count; i++)
        {
            if (!Equals(a[i], b[i]))
                return false;
        }

        return true;
    }
}
