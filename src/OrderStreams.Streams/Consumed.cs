using OrderStreams.Streams.Serialization;

namespace OrderStreams.Streams;

/// <summary>How to read a source topic: serdes (defaults from <see cref="StreamsConfig"/> when null) and the timestamp to use.</summary>
public sealed record Consumed<K, V>
{
    public ISerde<K>? KeySerde { get; init; }

    public ISerde<V>? ValueSerde { get; init; }

    /// <summary>Picks a record's event time (milliseconds) from the record; defaults to the Kafka record timestamp.</summary>
    public Func<K, V, long, long>? TimestampExtractor { get; init; }

    public static Consumed<K, V> With(ISerde<K>? keySerde, ISerde<V>? valueSerde) => new() { KeySerde = keySerde, ValueSerde = valueSerde };
}
