using OrderStreams.Streams.Serialization;
using OrderStreams.Streams.State;

namespace OrderStreams.Streams.Internals.State;

/// <summary>A window store of value lists (the join buffers), whose item serde may come from the config's defaults.</summary>
internal sealed class ListWindowStoreBuilder<K, V>(WindowBytesStoreSupplier supplier, ISerde<K>? keySerde, ISerde<V>? valueSerde)
    : StoreBuilder<IWindowStore<K, List<V>>>(supplier.Name, supplier.Persistent)
{
    internal override IStoreInstance Build(StreamsConfig config) => new WindowStore<K, List<V>>(
        Name,
        supplier.Create(),
        SerdeResolver.Key(keySerde, config, $"Store '{Name}'"),
        new ListSerde<V>(SerdeResolver.Value(valueSerde, config, $"Store '{Name}'")),
        LoggingEnabled,
        (long)supplier.Retention.TotalMilliseconds,
        1);
}
