using OrderStreams.Streams.Internals.Processors;
using OrderStreams.Streams.Serialization;

namespace OrderStreams.Streams;

/// <summary>A grouped stream cut into time windows; aggregations emit every update of a window, keyed by <see cref="Windowed{K}"/>.</summary>
public sealed class TimeWindowedKStream<K, V>
{
    private readonly StreamsBuilder builder;
    private readonly string nodeName;
    private readonly ISerde<K>? keySerde;
    private readonly TimeWindows windows;

    internal TimeWindowedKStream(StreamsBuilder builder, string nodeName, ISerde<K>? keySerde, TimeWindows windows)
    {
        this.builder = builder;
        this.nodeName = nodeName;
        this.keySerde = keySerde;
        this.windows = windows;
    }

    public KTable<Windowed<K>, long> Count(Materialized<K, long>? materialized = null) =>
        Aggregate(() => 0L, (_, _, count) => count + 1, (materialized ?? new Materialized<K, long>()) is var m && m.ValueSerde is null ? m.WithValueSerde(Serdes.Long) : m);

    /// <summary>The table's store is a window store (<c>IWindowStore&lt;K, VA&gt;</c>) named by <paramref name="materialized"/>.</summary>
    public KTable<Windowed<K>, VA> Aggregate<VA>(Func<VA> initializer, Func<K, V, VA, VA> aggregator, Materialized<K, VA>? materialized = null)
    {
        materialized ??= new Materialized<K, VA>();
        var storeName = materialized.StoreName ?? builder.Internal.NewName("KSTREAM-AGGREGATE-STATE-STORE-");
        var size = TimeSpan.FromMilliseconds(windows.SizeMs);
        builder.Internal.AddStore(materialized.ToWindowStoreBuilder(storeName, keySerde, null, size, windows.DefaultRetention));
        var node = builder.AddProcessor("KSTREAM-AGGREGATE-", () => new KStreamWindowAggregate<K, V, VA>(storeName, windows, _ => initializer(), aggregator), nodeName);
        builder.Internal.ConnectStore(storeName, node);
        var windowedSerde = materialized.KeySerde ?? keySerde;
        return new KTable<Windowed<K>, VA>(builder, node, storeName, windowedSerde is null ? null : Serdes.TimeWindowed(windowedSerde, size), materialized.ValueSerde);
    }
}
