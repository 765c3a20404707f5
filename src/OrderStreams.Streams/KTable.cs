using OrderStreams.Streams.Internals.Processors;
using OrderStreams.Streams.Serialization;

namespace OrderStreams.Streams;

/// <summary>A changelog stream seen as a table: the latest value per key, kept in the store <see cref="QueryableStoreName"/>.</summary>
public sealed class KTable<K, V>
{
    private readonly StreamsBuilder builder;

    internal KTable(StreamsBuilder builder, string nodeName, string storeName, ISerde<K>? keySerde, ISerde<V>? valueSerde)
    {
        this.builder = builder;
        NodeName = nodeName;
        QueryableStoreName = storeName;
        KeySerde = keySerde;
        ValueSerde = valueSerde;
    }

    public string QueryableStoreName { get; }

    internal string NodeName { get; }

    internal ISerde<K>? KeySerde { get; }

    internal ISerde<V>? ValueSerde { get; }

    /// <summary>The table's updates as a stream (a null value is a deletion).</summary>
    public KStream<K, V> ToStream()
    {
        var node = builder.AddProcessor<K, V, K, V>("KTABLE-TOSTREAM-", () => new KStreamPassThrough<K, V>(), NodeName);
        return new KStream<K, V>(builder, node, KeySerde, ValueSerde, repartitionRequired: false);
    }
}
