using System.Text;
using OrderStreams.Avro;
using OrderStreams.Avro.Generic;
using OrderStreams.Avro.Schemas;

namespace OrderStreams.Contracts.Tests.Support;

/// <summary>Random generic values for any schema, reproducible from the seed of the <see cref="Random"/>.</summary>
internal static class RandomDatum
{
    private const long MinMillis = -2_208_988_800_000; // 1900-01-01
    private const long MaxMillis = 4_102_444_800_000; // 2100-01-01
    private static readonly string[] Words = ["branch-07", "", "Pizza Margherita", "Crème brûlée", "東京", "emoji 🍕", "a\"quote\\", "line\nbreak"];

    public static object? Next(AvroSchema schema, Random random) => schema switch
    {
        { LogicalType.Kind: LogicalTypeKind.Uuid } => Uuid(random),
        { LogicalType.Kind: LogicalTypeKind.TimestampMillis } => random.NextInt64(MinMillis, MaxMillis),
        RecordSchema record => Record(record, random),
        EnumSchema enumSchema => new GenericEnum(enumSchema, random.Next(enumSchema.Symbols.Count)),
        FixedSchema fixedSchema => Bytes(random, fixedSchema.Size),
        ArraySchema array => Enumerable.Range(0, random.Next(5)).Select(_ => Next(array.Items, random)).ToList(),
        MapSchema map => Enumerable.Range(0, random.Next(4)).ToDictionary(i => $"key{i}-{String(random)}", _ => Next(map.Values, random)),
        UnionSchema union => Next(union.Branches[union.NullIndex >= 0 && random.Next(3) == 0 ? union.NullIndex : random.Next(union.Branches.Count)], random),
        _ => schema.Type switch
        {
            AvroType.Null => null,
            AvroType.Boolean => random.Next(2) == 1,
            AvroType.Int => random.Next(4) == 0 ? random.Next(-3, 4) : random.Next(int.MinValue, int.MaxValue),
            AvroType.Long => random.Next(4) == 0 ? random.NextInt64(-3, 4) : random.NextInt64(long.MinValue, long.MaxValue),
            AvroType.Float => (float)(random.NextDouble() * 1000),
            AvroType.Double => Double(random),
            AvroType.Bytes => Bytes(random, random.Next(12)),
            AvroType.String => String(random),
            _ => throw new NotSupportedException(schema.DisplayName),
        },
    };

    public static GenericRecord Record(RecordSchema schema, Random random)
    {
        var record = new GenericRecord(schema);
        foreach (var field in schema.Fields)
            record[field.Position] = Next(field.Schema, random);
        return record;
    }

    private static string Uuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return LogicalValues.FromUuid(new Guid(bytes));
    }

    private static double Double(Random random) => random.Next(3) switch
    {
        0 => random.Next(-1000, 1000),
        1 => (random.NextDouble() * 180) - 90,
        _ => BitConverter.Int64BitsToDouble(random.NextInt64()) is var d && double.IsFinite(d) ? d : 0.5,
    };

    private static byte[] Bytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string String(Random random)
    {
        if (random.Next(2) == 0)
            return Words[random.Next(Words.Length)];
        var text = new StringBuilder();
        for (var i = random.Next(16); i > 0; i--)
            text.Append((char)random.Next(0x20, 0xD7FF));
        return text.ToString();
    }
}
