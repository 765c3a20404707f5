using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.Generic;

/// <summary>An enum value for any <see cref="EnumSchema"/>.</summary>
public sealed record GenericEnum
{
    public GenericEnum(EnumSchema schema, string symbol)
    {
        Schema = schema;
        Index = schema.GetIndex(symbol);
        Symbol = schema.Symbols[Index];
    }

    public GenericEnum(EnumSchema schema, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, schema.Symbols.Count);
        Schema = schema;
        Index = index;
        Symbol = schema.Symbols[index];
    }

    public EnumSchema Schema { get; }

    public string Symbol { get; }

    public int Index { get; }

    public bool Equals(GenericEnum? other) => other is not null && other.Symbol == Symbol && other.Schema.FullName == Schema.FullName;

    public override int GetHashCode() => HashCode.Combine(Schema.FullName, Symbol);

    public override string ToString() => Symbol;
}
