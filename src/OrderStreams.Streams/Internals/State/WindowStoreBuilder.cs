using OrderStreams.Streams.Serialization;
using OrderStreams.Streams.State;

namespace OrderStreams.Streams.Internals.State;

internal sealed class WindowStoreBuilder<K, V>(WindowBytesStoreSupplier supplier, ISerde<K>? keySerde, ISerde<V>? valueSerde, long windowSizeMs)
    : StoreBuilder<IWindowStore<K, V>>(supplier.Name, supplier.Persistent)
{
    internal override IStoreInstance Build(StreamsConfig config) => new WindowStore<K, V>(
        Name,
        supplier.Create(),
        SerdeResolver.Key(keySerde, config, $"Store '{Name}'"),
        SerdeResolver.Value(valueSerde, config, $"Store '{Name}'"),
        LoggingEnabled,
        (long)supplier.Retention.TotalMilliseconds,
        windowSizeMs);
}
