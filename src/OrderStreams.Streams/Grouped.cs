using OrderStreams.Streams.Serialization;

namespace OrderStreams.Streams;

/// <summary>Serdes and name for a grouping; the name names the repartition topic when one is needed.</summary>
public sealed record Grouped<K, V>
{
    public string? Name { get; init; }

    public ISerde<K>? KeySerde { get; init; }

    public ISerde<V>? ValueSerde { get; init; }

    public static Grouped<K, V> With(ISerde<K>? keySerde, ISerde<V>? valueSerde, string? name = null) =>
        new() { KeySerde = keySerde, ValueSerde = valueSerde, Name = name };
}
