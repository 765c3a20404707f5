using OrderStreams.Streams.Internals.State;
using OrderStreams.Streams.Internals.State.RocksDb;
using OrderStreams.Streams.Serialization;

namespace OrderStreams.Streams.State;

/// <summary>Factories for store suppliers and builders, as in Kafka Streams' <c>Stores</c>.</summary>
public static class Stores
{
    /// <summary>A RocksDB store in the task's state directory.</summary>
    public static KeyValueBytesStoreSupplier PersistentKeyValueStore(string name) => new(name, true, () => new RocksDbBytesStore(name));

    public static KeyValueBytesStoreSupplier InMemoryKeyValueStore(string name) => new(name, false, () => new InMemoryBytesStore());

    public static WindowBytesStoreSupplier PersistentWindowStore(string name, TimeSpan retention) =>
        new(name, true, retention, () => new RocksDbBytesStore(name));

    public static WindowBytesStoreSupplier InMemoryWindowStore(string name, TimeSpan retention) =>
        new(name, false, retention, () => new InMemoryBytesStore());

    public static StoreBuilder<IKeyValueStore<K, V>> KeyValueStoreBuilder<K, V>(KeyValueBytesStoreSupplier supplier, ISerde<K> keySerde, ISerde<V> valueSerde) =>
        new KeyValueStoreBuilder<K, V>(supplier, keySerde, valueSerde);

    public static StoreBuilder<IWindowStore<K, V>> WindowStoreBuilder<K, V>(
        WindowBytesStoreSupplier supplier, ISerde<K> keySerde, ISerde<V> valueSerde, TimeSpan windowSize) =>
        new WindowStoreBuilder<K, V>(supplier, keySerde, valueSerde, (long)windowSize.TotalMilliseconds);
}
