using OrderStreams.Streams.Serialization;
using OrderStreams.Streams.State;

namespace OrderStreams.Streams.Internals.State;

internal sealed class KeyValueStoreBuilder<K, V>(KeyValueBytesStoreSupplier supplier, ISerde<K>? keySerde, ISerde<V>? valueSerde)
    : StoreBuilder<IKeyValueStore<K, V>>(supplier.Name, supplier.Persistent)
{
    internal override IStoreInstance Build(StreamsConfig config) => new KeyValueStore<K, V>(
        Name,
        supplier.Create(),
        SerdeResolver.Key(keySerde, config, $"Store '{Name}'"),
        SerdeResolver.Value(valueSerde, config, $"Store '{Name}'"),
        LoggingEnabled,
        CachingEnabled);
}
