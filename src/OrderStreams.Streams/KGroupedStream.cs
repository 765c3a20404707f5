using OrderStreams.Streams.Internals.Processors;
using OrderStreams.Streams.Serialization;

namespace OrderStreams.Streams;

/// <summary>A stream grouped by key, ready to aggregate into a table.</summary>
public sealed class KGroupedStream<K, V>
{
    private readonly StreamsBuilder builder;
    private readonly string nodeName;
    private readonly ISerde<K>? keySerde;
    private readonly ISerde<V>? valueSerde;

    internal KGroupedStream(StreamsBuilder builder, string nodeName, ISerde<K>? keySerde, ISerde<V>? valueSerde)
    {
        this.builder = builder;
        this.nodeName = nodeName;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
    }

    public KTable<K, long> Count(Materialized<K, long>? materialized = null) =>
        Aggregate(() => 0L, (_, _, count) => count + 1, (materialized ?? new Materialized<K, long>()) is var m && m.ValueSerde is null ? m.WithValueSerde(Serdes.Long) : m);

    public KTable<K, V> Reduce(Func<V, V, V> reducer, Materialized<K, V>? materialized = null)
    {
        materialized ??= new Materialized<K, V>();
        var storeName = materialized.StoreName ?? builder.Internal.NewName("KSTREAM-REDUCE-STATE-STORE-");
        return Materialize("KSTREAM-REDUCE-", storeName, materialized.ToKeyValueStoreBuilder(storeName, keySerde, valueSerde, cachingAllowed: true),
            () => new KStreamReduce<K, V>(storeName, reducer), materialized.KeySerde ?? keySerde, materialized.ValueSerde ?? valueSerde);
    }

    public KTable<K, VA> Aggregate<VA>(Func<VA> initializer, Func<K, V, VA, VA> aggregator, Materialized<K, VA>? materialized = null)
    {
        materialized ??= new Materialized<K, VA>();
        var storeName = materialized.StoreName ?? builder.Internal.NewName("KSTREAM-AGGREGATE-STATE-STORE-");
        return Materialize("KSTREAM-AGGREGATE-", storeName, materialized.ToKeyValueStoreBuilder(storeName, keySerde, null, cachingAllowed: true),
            () => new KStreamAggregate<K, V, VA>(storeName, _ => initializer(), aggregator), materialized.KeySerde ?? keySerde, materialized.ValueSerde);
    }

    /// <summary>Aggregates per time window (tumbling or hopping) instead of over all time.</summary>
    public TimeWindowedKStream<K, V> WindowedBy(TimeWindows windows) => new(builder, nodeName, keySerde, windows);

    private KTable<K, VA> Materialize<VA>(
        string prefix, string storeName, State.StoreBuilder store, Func<Processor.IProcessor<K, V, K, VA>> supplier, ISerde<K>? tableKeySerde, ISerde<VA>? tableValueSerde)
    {
        builder.Internal.AddStore(store);
        var node = builder.AddProcessor(prefix, supplier, nodeName);
        builder.Internal.ConnectStore(storeName, node);
        return new KTable<K, VA>(builder, node, storeName, tableKeySerde, tableValueSerde);
    }
}
