using OrderStreams.Streams.Internals.Processors;
using OrderStreams.Streams.Internals.Graph;
using OrderStreams.Streams.Processor;
using OrderStreams.Streams.Serialization;

namespace OrderStreams.Streams;

/// <summary>
/// An unbounded stream of records. Operations return new streams; a key-changing operation marks the stream so that a
/// following grouping or join repartitions it first, as Kafka Streams does.
/// </summary>
public sealed class KStream<K, V>
{
    private readonly StreamsBuilder builder;

    internal KStream(StreamsBuilder builder, string nodeName, ISerde<K>? keySerde, ISerde<V>? valueSerde, bool repartitionRequired)
    {
        this.builder = builder;
        NodeName = nodeName;
        KeySerde = keySerde;
        ValueSerde = valueSerde;
        RepartitionRequired = repartitionRequired;
    }

    internal string NodeName { get; }

    internal ISerde<K>? KeySerde { get; }

    internal ISerde<V>? ValueSerde { get; }

    internal bool RepartitionRequired { get; }

    public KStream<K, V> Filter(Func<K, V, bool> predicate) => Same("KSTREAM-FILTER-", () => new KStreamFilter<K, V>(predicate, not: false));

    public KStream<K, V> FilterNot(Func<K, V, bool> predicate) => Same("KSTREAM-FILTER-", () => new KStreamFilter<K, V>(predicate, not: true));

    public KStream<KR, VR> Map<KR, VR>(Func<K, V, (KR Key, VR Value)> mapper) =>
        Next<KR, VR>("KSTREAM-MAP-", () => new KStreamMap<K, V, KR, VR>(mapper), null, null, repartition: true);

    public KStream<K, VR> MapValues<VR>(Func<V, VR> mapper) => MapValues<VR>((_, v) => mapper(v));

    public KStream<K, VR> MapValues<VR>(Func<K, V, VR> mapper) =>
        Next<K, VR>("KSTREAM-MAPVALUES-", () => new KStreamMapValues<K, V, VR>(mapper), KeySerde, null, RepartitionRequired);

    public KStream<KR, VR> FlatMap<KR, VR>(Func<K, V, IEnumerable<(KR Key, VR Value)>> mapper) =>
        Next<KR, VR>("KSTREAM-FLATMAP-", () => new KStreamFlatMap<K, V, KR, VR>(mapper), null, null, repartition: true);

    public KStream<K, VR> FlatMapValues<VR>(Func<V, IEnumerable<VR>> mapper) => FlatMapValues<VR>((_, v) => mapper(v));

    public KStream<K, VR> FlatMapValues<VR>(Func<K, V, IEnumerable<VR>> mapper) =>
        Next<K, VR>("KSTREAM-FLATMAPVALUES-", () => new KStreamFlatMapValues<K, V, VR>(mapper), KeySerde, null, RepartitionRequired);

    public KStream<KR, V> SelectKey<KR>(Func<K, V, KR> selector) =>
        Next<KR, V>("KSTREAM-KEY-SELECT-", () => new KStreamSelectKey<K, V, KR>(selector), null, ValueSerde, repartition: true);

    public KStream<K, V> Peek(Action<K, V> action) => Same("KSTREAM-PEEK-", () => new KStreamPeek<K, V>(action));

    /// <summary>Starts splitting the stream into branches by predicates; each record goes to the first branch that accepts it.</summary>
    public BranchedKStream<K, V> Split(string? name = null) => new(builder, this, name ?? builder.Internal.NewName("KSTREAM-BRANCH-"));

    public KStream<K, V> Merge(KStream<K, V> other)
    {
        var node = builder.AddProcessor<K, V, K, V>("KSTREAM-MERGE-", () => new KStreamPassThrough<K, V>(), NodeName, other.NodeName);
        return new KStream<K, V>(builder, node, KeySerde ?? other.KeySerde, ValueSerde ?? other.ValueSerde, RepartitionRequired || other.RepartitionRequired);
    }

    /// <summary>Writes the stream to the internal topic <c>&lt;application.id&gt;-&lt;name&gt;-repartition</c> and reads it back, partitioned by the current key.</summary>
    public KStream<K, V> Repartition(Repartitioned<K, V>? repartitioned = null)
    {
        repartitioned ??= new Repartitioned<K, V>();
        return RepartitionThrough(repartitioned.Name, repartitioned.NumberOfPartitions, repartitioned.KeySerde ?? KeySerde, repartitioned.ValueSerde ?? ValueSerde, repartitioned.Partitioner);
    }

    /// <summary>Writes the stream to a topic; the default partitioner is murmur2 of the serialized key.</summary>
    public void To(string topic, Produced<K, V>? produced = null)
    {
        var name = builder.Internal.NewName("KSTREAM-SINK-");
        builder.Internal.AddNode(
            new SinkDefinition<K, V>(name, new TopicName(topic, false), produced?.KeySerde ?? KeySerde, produced?.ValueSerde ?? ValueSerde, produced?.Partitioner),
            NodeName);
    }

    /// <summary>
    /// Attaches a custom processor; <paramref name="storeNames"/> are stores added with <see cref="StreamsBuilder.AddStateStore"/>
    /// that it may use. A new processor instance is made per task.
    /// </summary>
    public KStream<KR, VR> Process<KR, VR>(Func<IProcessor<K, V, KR, VR>> supplier, params string[] storeNames)
    {
        var node = builder.AddProcessor("KSTREAM-PROCESSOR-", supplier, NodeName);
        foreach (var store in storeNames) builder.Internal.ConnectStore(store, node);
        return new KStream<KR, VR>(builder, node, null, null, repartitionRequired: true);
    }

    /// <summary>Turns the stream into a table (latest value per key; a null value deletes), repartitioning first after a key change.</summary>
    public KTable<K, V> ToTable(Materialized<K, V>? materialized = null)
    {
        materialized ??= new Materialized<K, V>();
        var keySerde = materialized.KeySerde ?? KeySerde;
        var valueSerde = materialized.ValueSerde ?? ValueSerde;
        var source = RepartitionRequired ? RepartitionThrough(null, null, keySerde, valueSerde, null) : this;
        var storeName = materialized.StoreName ?? builder.Internal.NewName("KSTREAM-TOTABLE-STATE-STORE-");
        builder.Internal.AddStore(materialized.ToKeyValueStoreBuilder(storeName, keySerde, valueSerde));
        var node = builder.AddProcessor<K, V, K, V>("KSTREAM-TOTABLE-", () => new KTableSource<K, V>(storeName), source.NodeName);
        builder.Internal.ConnectStore(storeName, node);
        return new KTable<K, V>(builder, node, storeName, keySerde, valueSerde);
    }

    public KGroupedStream<K, V> GroupByKey(Grouped<K, V>? grouped = null)
    {
        var keySerde = grouped?.KeySerde ?? KeySerde;
        var valueSerde = grouped?.ValueSerde ?? ValueSerde;
        var source = RepartitionRequired ? RepartitionThrough(grouped?.Name, null, keySerde, valueSerde, null) : this;
        return new KGroupedStream<K, V>(builder, source.NodeName, keySerde, valueSerde);
    }

    /// <summary>Groups by a new key; the stream is repartitioned by it before aggregating.</summary>
    public KGroupedStream<KR, V> GroupBy<KR>(Func<K, V, KR> keySelector, Grouped<KR, V>? grouped = null) =>
        SelectKey(keySelector).GroupByKey(grouped);

    /// <summary>Inner join with a table's current value for the record's key; the stream must be co-partitioned with the table's topic.</summary>
    public KStream<K, VR> Join<VT, VR>(KTable<K, VT> table, Func<V, VT, VR> joiner, Joined<K, V>? joined = null) =>
        JoinTable<VT, VR>(table, (v, t) => joiner(v, t!), leftJoin: false, joined);

    /// <summary>Left join with a table: every record goes through, with <c>default</c> when the table has no value.</summary>
    public KStream<K, VR> LeftJoin<VT, VR>(KTable<K, VT> table, Func<V, VT?, VR> joiner, Joined<K, V>? joined = null) =>
        JoinTable(table, joiner, leftJoin: true, joined);

    /// <summary>Inner join with a global table by the key <paramref name="keySelector"/> picks; the result keeps this stream's key.</summary>
    public KStream<K, VR> Join<GK, GV, VR>(GlobalKTable<GK, GV> table, Func<K, V, GK> keySelector, Func<V, GV, VR> joiner) =>
        JoinGlobal<GK, GV, VR>(table, keySelector, (_, v, g) => joiner(v, g!), leftJoin: false);

    public KStream<K, VR> LeftJoin<GK, GV, VR>(GlobalKTable<GK, GV> table, Func<K, V, GK> keySelector, Func<V, GV?, VR> joiner) =>
        JoinGlobal<GK, GV, VR>(table, keySelector, (_, v, g) => joiner(v, g), leftJoin: true);

    /// <summary>
    /// Windowed inner join of two streams: records with the same key whose timestamps differ by at most the window's time
    /// difference are joined, in either arrival order. Both streams must be co-partitioned.
    /// </summary>
    public KStream<K, VR> Join<VO, VR>(KStream<K, VO> other, Func<V, VO, VR> joiner, JoinWindows windows, StreamJoined<K, V, VO>? joined = null) =>
        StreamStreamJoin.Build(builder, this, other, joiner, windows, joined ?? new StreamJoined<K, V, VO>());

    internal KStream<K, V> RepartitionThrough(string? name, int? partitions, ISerde<K>? keySerde, ISerde<V>? valueSerde, IStreamPartitioner<K, V>? partitioner)
    {
        var baseName = name ?? builder.Internal.NewName("KSTREAM-REPARTITION-");
        var topic = new TopicName($"{baseName}-repartition", true);
        builder.Internal.AddRepartitionTopic(topic.Name, partitions);
        builder.Internal.AddNode(new SinkDefinition<K, V>(builder.Internal.NewName("KSTREAM-SINK-"), topic, keySerde, valueSerde, partitioner), NodeName);
        var source = builder.AddSource([topic], Consumed<K, V>.With(keySerde, valueSerde));
        return new KStream<K, V>(builder, source, keySerde, valueSerde, repartitionRequired: false);
    }

    private KStream<K, VR> JoinTable<VT, VR>(KTable<K, VT> table, Func<V, VT?, VR> joiner, bool leftJoin, Joined<K, V>? joined)
    {
        var left = RepartitionRequired ? RepartitionThrough(joined?.Name, null, joined?.KeySerde ?? KeySerde, joined?.ValueSerde ?? ValueSerde, null) : this;
        var node = builder.AddProcessor<K, V, K, VR>(
            "KSTREAM-JOIN-", () => new KStreamKTableJoin<K, V, VT, VR>(table.QueryableStoreName, joiner, leftJoin), left.NodeName);
        builder.Internal.ConnectStore(table.QueryableStoreName, node);
        return new KStream<K, VR>(builder, node, left.KeySerde, null, repartitionRequired: false);
    }

    private KStream<K, VR> JoinGlobal<GK, GV, VR>(GlobalKTable<GK, GV> table, Func<K, V, GK> keySelector, Func<K, V, GV?, VR> joiner, bool leftJoin)
    {
        var node = builder.AddProcessor<K, V, K, VR>(
            "KSTREAM-JOIN-", () => new KStreamGlobalKTableJoin<K, V, GK, GV, VR>(table.QueryableStoreName, keySelector, joiner, leftJoin), NodeName);
        return new KStream<K, VR>(builder, node, KeySerde, null, RepartitionRequired);
    }

    private KStream<K, V> Same(string prefix, Func<IProcessor<K, V, K, V>> supplier) =>
        Next<K, V>(prefix, supplier, KeySerde, ValueSerde, RepartitionRequired);

    private KStream<KR, VR> Next<KR, VR>(string prefix, Func<IProcessor<K, V, KR, VR>> supplier, ISerde<KR>? keySerde, ISerde<VR>? valueSerde, bool repartition) =>
        new(builder, builder.AddProcessor(prefix, supplier, NodeName), keySerde, valueSerde, repartition);
}
