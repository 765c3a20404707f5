using OrderStreams.Streams.Internals.Processors;
using OrderStreams.Streams.Internals.Graph;
using OrderStreams.Streams.State;

namespace OrderStreams.Streams;

/// <summary>The DSL entry point: declare sources, transform them, then <see cref="Build"/> the <see cref="Topology"/>.</summary>
public sealed class StreamsBuilder
{
    private readonly HashSet<string> sourceTopics = new(StringComparer.Ordinal);

    internal InternalTopologyBuilder Internal { get; } = new();

    public KStream<K, V> Stream<K, V>(string topic, Consumed<K, V>? consumed = null) => Stream([topic], consumed);

    /// <summary>One stream over several topics (which must be co-partitioned).</summary>
    public KStream<K, V> Stream<K, V>(IReadOnlyList<string> topics, Consumed<K, V>? consumed = null)
    {
        var name = AddSource(topics.Select(t => new TopicName(t, false)).ToList(), consumed);
        return new KStream<K, V>(this, name, consumed?.KeySerde, consumed?.ValueSerde, repartitionRequired: false);
    }

    /// <summary>A table over a topic: the latest value per key, kept in a store that joins and interactive queries read.</summary>
    public KTable<K, V> Table<K, V>(string topic, Consumed<K, V>? consumed = null, Materialized<K, V>? materialized = null)
    {
        var source = AddSource([new TopicName(topic, false)], consumed);
        materialized ??= new Materialized<K, V>();
        var storeName = materialized.StoreName ?? Internal.NewName($"{topic}-STATE-STORE-");
        var keySerde = materialized.KeySerde ?? consumed?.KeySerde;
        var valueSerde = materialized.ValueSerde ?? consumed?.ValueSerde;
        Internal.AddStore(materialized.ToKeyValueStoreBuilder(storeName, keySerde, valueSerde));
        var node = AddProcessor<K, V, K, V>("KTABLE-SOURCE-", () => new KTableSource<K, V>(storeName), source);
        Internal.ConnectStore(storeName, node);
        return new KTable<K, V>(this, node, storeName, keySerde, valueSerde);
    }

    /// <summary>
    /// A table every instance holds in full, read from all partitions of <paramref name="topic"/>, for joins by any key
    /// (reference data). It is restored from the topic itself, not from a changelog.
    /// </summary>
    public GlobalKTable<K, V> GlobalTable<K, V>(string topic, Consumed<K, V>? consumed = null, Materialized<K, V>? materialized = null)
    {
        if (!sourceTopics.Add(topic)) throw new TopologyException($"Topic '{topic}' is already a source; a topic can be read by one source only.");
        materialized ??= new Materialized<K, V>();
        var storeName = materialized.StoreName ?? Internal.NewName($"{topic}-STATE-STORE-");
        var keySerde = materialized.KeySerde ?? consumed?.KeySerde;
        var valueSerde = materialized.ValueSerde ?? consumed?.ValueSerde;
        var store = (materialized with { LoggingEnabled = false }).ToKeyValueStoreBuilder(storeName, keySerde, valueSerde);
        var source = new SourceDefinition<K, V>(Internal.NewName("KSTREAM-SOURCE-"), [new TopicName(topic, false)], consumed?.KeySerde, consumed?.ValueSerde, consumed?.TimestampExtractor);
        var processor = new ProcessorDefinition<K, V, K, V>(Internal.NewName("KTABLE-SOURCE-"), () => new KTableSource<K, V>(storeName));
        Internal.AddGlobalStore(store, source, processor);
        return new GlobalKTable<K, V>(storeName, topic);
    }

    /// <summary>Adds a store for processors attached with <see cref="KStream{K,V}.Process{KR,VR}"/>.</summary>
    public StreamsBuilder AddStateStore(StoreBuilder store)
    {
        Internal.AddStore(store);
        return this;
    }

    public Topology Build() => Internal.Build();

    internal string AddSource<K, V>(IReadOnlyList<TopicName> topics, Consumed<K, V>? consumed)
    {
        if (topics.Count == 0) throw new TopologyException("A stream needs at least one topic.");
        foreach (var topic in topics.Where(t => !t.Internal))
        {
            if (!sourceTopics.Add(topic.Name)) throw new TopologyException($"Topic '{topic.Name}' is already a source; a topic can be read by one source only.");
        }
        var name = Internal.NewName("KSTREAM-SOURCE-");
        Internal.AddNode(new SourceDefinition<K, V>(name, topics, consumed?.KeySerde, consumed?.ValueSerde, consumed?.TimestampExtractor));
        return name;
    }

    internal string AddProcessor<KIn, VIn, KOut, VOut>(string prefix, Func<Processor.IProcessor<KIn, VIn, KOut, VOut>> supplier, params string[] parents)
    {
        var name = Internal.NewName(prefix);
        Internal.AddNode(new ProcessorDefinition<KIn, VIn, KOut, VOut>(name, supplier), parents);
        return name;
    }
}
