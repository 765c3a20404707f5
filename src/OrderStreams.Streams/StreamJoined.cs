using OrderStreams.Streams.Serialization;

namespace OrderStreams.Streams;

/// <summary>Serdes and store naming for a stream-stream join; each side keeps its recent records in a window store.</summary>
public sealed record StreamJoined<K, V, VO>
{
    public string? StoreName { get; init; }

    public ISerde<K>? KeySerde { get; init; }

    public ISerde<V>? ValueSerde { get; init; }

    public ISerde<VO>? OtherValueSerde { get; init; }

    public bool InMemory { get; init; }

    public bool LoggingEnabled { get; init; } = true;

    public static StreamJoined<K, V, VO> With(ISerde<K>? keySerde, ISerde<V>? valueSerde, ISerde<VO>? otherValueSerde) =>
        new() { KeySerde = keySerde, ValueSerde = valueSerde, OtherValueSerde = otherValueSerde };
}
