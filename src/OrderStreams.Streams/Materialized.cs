using OrderStreams.Streams.Serialization;
using OrderStreams.Streams.State;

namespace OrderStreams.Streams;

/// <summary>
/// How a table or aggregation keeps its state: store name (queryable under that name), serdes, persistent (RocksDB,
/// the default) or in memory, and whether it is logged to a changelog (the default).
/// </summary>
public sealed record Materialized<K, V>
{
    public string? StoreName { get; init; }

    public ISerde<K>? KeySerde { get; init; }

    public ISerde<V>? ValueSerde { get; init; }

    public bool InMemory { get; init; }

    public bool LoggingEnabled { get; init; } = true;

    /// <summary>How long windows are kept behind stream time (windowed stores; default: window size + grace, at least a day as in Kafka).</summary>
    public TimeSpan? Retention { get; init; }

    public static Materialized<K, V> As(string storeName) => new() { StoreName = storeName };

    public static Materialized<K, V> With(ISerde<K>? keySerde, ISerde<V>? valueSerde) => new() { KeySerde = keySerde, ValueSerde = valueSerde };

    public Materialized<K, V> WithKeySerde(ISerde<K> serde) => this with { KeySerde = serde };

    public Materialized<K, V> WithValueSerde(ISerde<V> serde) => this with { ValueSerde = serde };

    public Materialized<K, V> WithInMemoryStore() => this with { InMemory = true };

    public Materialized<K, V> WithLoggingDisabled() => this with { LoggingEnabled = false };

    internal StoreBuilder<IKeyValueStore<K, V>> ToKeyValueStoreBuilder(string name, ISerde<K>? keySerde, ISerde<V>? valueSerde)
    {
        var supplier = InMemory ? Stores.InMemoryKeyValueStore(name) : Stores.PersistentKeyValueStore(name);
        var builder = new Internals.State.KeyValueStoreBuilder<K, V>(supplier, KeySerde ?? keySerde, ValueSerde ?? valueSerde);
        return LoggingEnabled ? builder : builder.WithLoggingDisabled();
    }

    internal StoreBuilder<IWindowStore<K, V>> ToWindowStoreBuilder(string name, ISerde<K>? keySerde, ISerde<V>? valueSerde, TimeSpan windowSize, TimeSpan retention)
    {
        var supplier = InMemory ? Stores.InMemoryWindowStore(name, Retention ?? retention) : Stores.PersistentWindowStore(name, Retention ?? retention);
        var builder = new Internals.State.WindowStoreBuilder<K, V>(supplier, KeySerde ?? keySerde, ValueSerde ?? valueSerde, (long)windowSize.TotalMilliseconds);
        return LoggingEnabled ? builder : builder.WithLoggingDisabled();
    }
}
