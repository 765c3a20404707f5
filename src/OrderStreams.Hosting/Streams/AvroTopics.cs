using Confluent.SchemaRegistry;
using OrderStreams.Avro.Specific;
using OrderStreams.Streams;
using OrderStreams.Streams.Processor;
using OrderStreams.Streams.Serialization;

namespace OrderStreams.Hosting.Streams;

/// <summary>
/// How a topology reads and writes topics keyed by a string with Avro values over one schema registry, so each input and
/// output is declared in one readable line: <c>builder.Stream(topic, avro.Consumed&lt;OrderPlaced&gt;())</c>.
/// </summary>
public sealed class AvroTopics(ISchemaRegistryClient registry)
{
    public AvroSerde<T> Serde<T>()
        where T : class, IAvroRecord<T> =>
        new(registry);

    public Consumed<string, T> Consumed<T>()
        where T : class, IAvroRecord<T> =>
        global::OrderStreams.Streams.Consumed<string, T>.With(Serdes.String, Serde<T>());

    /// <param name="partitioner">Where each record goes; null: by the hash of its key.</param>
    public Produced<string, T> Produced<T>(IStreamPartitioner<string, T>? partitioner = null)
        where T : class, IAvroRecord<T> =>
        global::OrderStreams.Streams.Produced<string, T>.With(Serdes.String, Serde<T>(), partitioner);

    /// <summary>A global table of the topic, materialised in the store <paramref name="storeName"/> for lookups.</summary>
    public GlobalKTable<string, T> GlobalTable<T>(StreamsBuilder builder, string topic, string storeName)
        where T : class, IAvroRecord<T> =>
        builder.GlobalTable(topic, Consumed<T>(), Materialized<string, T>.As(storeName));
}
