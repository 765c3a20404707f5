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

    /// <summary>
    /// Aggregations (<c>Count</c>, <c>Reduce</c>, <c>Aggregate</c>) keep their updates in the thread's record cache and
    /// forward each key's latest value on commit or eviction, as Kafka Streams does (on by default; window stores and
    /// tables from topics do not cache).
    /// </summary>
    public bool CachingEnabled { get; init; } = true;

    /// <summary>How long windows are kept behind stream time (windowed stores; default: window size + grace, at least a day as in Kafka).</summary>
    public TimeSpan? Retention { get; init; }

    public static Materialized<K, V> As(string storeName) => new() { StoreName = storeName };

    public static Materialized<K, V> With(ISerde<K>? keySerde, ISerde<V>? valueSerde) => new() { KeySerde = keySerde, ValueSerde = valueSerde };

    public Materialized<K, V> WithKeySerde(ISerde<K> serde) => this with { KeySerde = serde };

    public Materialized<K, V> WithValueSerde(ISerde<V> serde) => this with { ValueSerde = serde };

    public Materialized<K, V> WithInMemoryStore() => this with { InMemory = true };

    public Materialized<K, V> WithLoggingDisabled() => this with { LoggingEnabled = false };

    /// <summary>Forwards every update of the aggregation at once, at the cost of a store write, changelog record and output per input.</summary>
    public Materialized<K, V> WithCachingDisabled() => this with { CachingEnabled = false };

    public Materialized<K, V> WithCachingEnabled() => this with { CachingEnabled = true };

    internal StoreBuilder<IKeyValueStore<K, V>> ToKeyValueStoreBuilder(string name, ISerde<K>? keySerde, ISerde<V>? valueSerde, bool cachingAllowed = false)
    {
        var supplier = InMemory ? Stores.InMemoryKeyValueStore(name) : Stores.PersistentKeyValueStore(name);
        StoreBuilder<IKeyValueStore<K, V>> builder = new Internals.State.KeyValueStoreBuilder<K, V>(supplier, KeySerde ?? keySerde, ValueSerde ?? valueSerde);
        builder = LoggingEnabled ? builder : builder.WithLoggingDisabled();
        return cachingAllowed && CachingEnabled ? builder.WithCachingEnabled() : builder;
    }

    internal StoreBuilder<IWindowStore<K, V>> ToWindowStoreBuilder(string name, ISerde<K>? keySerde, ISerde<V>? valueSerde, TimeSpan windowSize, TimeSpan retention)
    {
        var supplier = InMemory ? Stores.InMemoryWindowStore(name, Retention ?? retention) : Stores.PersistentWindowStore(name, Retention ?? retention);
        var builder = new Internals.State.WindowStoreBuilder<K, V>(supplier, KeySerde ?? keySerde, ValueSerde ?? valueSerde, (long)windowSize.TotalMilliseconds);
        return LoggingEnabled ? builder : builder.WithLoggingDisabled();
    }
}
