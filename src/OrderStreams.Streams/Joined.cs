using OrderStreams.Streams.Serialization;

namespace OrderStreams.Streams;

/// <summary>Serdes of the stream side of a join, used when the join has to repartition the stream first.</summary>
public sealed record Joined<K, V>
{
    public string? Name { get; init; }

    public ISerde<K>? KeySerde { get; init; }

    public ISerde<V>? ValueSerde { get; init; }

    public static Joined<K, V> With(ISerde<K>? keySerde, ISerde<V>? valueSerde, string? name = null) =>
        new() { KeySerde = keySerde, ValueSerde = valueSerde, Name = name };
}
