using OrderStreams.Streams.Processor;
using OrderStreams.Streams.Serialization;

namespace OrderStreams.Streams;

/// <summary>
/// An explicit repartition through the internal topic <c>&lt;application.id&gt;-&lt;name&gt;-repartition</c>; the partition count
/// defaults to that of the upstream source topics.
/// </summary>
public sealed record Repartitioned<K, V>
{
    public string? Name { get; init; }

    public int? NumberOfPartitions { get; init; }

    public ISerde<K>? KeySerde { get; init; }

    public ISerde<V>? ValueSerde { get; init; }

    public IStreamPartitioner<K, V>? Partitioner { get; init; }

    public static Repartitioned<K, V> As(string name) => new() { Name = name };

    public static Repartitioned<K, V> With(ISerde<K>? keySerde, ISerde<V>? valueSerde) => new() { KeySerde = keySerde, ValueSerde = valueSerde };
}
