using OrderStreams.Streams.Processor;
using OrderStreams.Streams.Serialization;

namespace OrderStreams.Streams;

/// <summary>How to write to a topic: serdes and partitioner (default: murmur2 of the serialized key, as Java clients do).</summary>
public sealed record Produced<K, V>
{
    public ISerde<K>? KeySerde { get; init; }

    public ISerde<V>? ValueSerde { get; init; }

    public IStreamPartitioner<K, V>? Partitioner { get; init; }

    public static Produced<K, V> With(ISerde<K>? keySerde, ISerde<V>? valueSerde, IStreamPartitioner<K, V>? partitioner = null) =>
        new() { KeySerde = keySerde, ValueSerde = valueSerde, Partitioner = partitioner };
}
