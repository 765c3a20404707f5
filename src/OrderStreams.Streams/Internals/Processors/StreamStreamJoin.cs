using OrderStreams.Streams.Internals.State;
using OrderStreams.Streams.Internals.Graph;
using OrderStreams.Streams.Serialization;
using OrderStreams.Streams.State;

namespace OrderStreams.Streams.Internals.Processors;

/// <summary>Wires a windowed stream-stream join: a window store and a join node per side, merged into one output stream.</summary>
internal static class StreamStreamJoin
{
    public static KStream<K, VR> Build<K, V, VO, VR>(
        StreamsBuilder builder, KStream<K, V> left, KStream<K, VO> right, Func<V, VO, VR> joiner, JoinWindows windows, StreamJoined<K, V, VO> joined)
    {
        var keySerde = joined.KeySerde ?? left.KeySerde ?? right.KeySerde;
        var leftStream = left.RepartitionRequired ? left.RepartitionThrough(null, null, keySerde, joined.ValueSerde ?? left.ValueSerde, null) : left;
        var rightStream = right.RepartitionRequired ? right.RepartitionThrough(null, null, keySerde, joined.OtherValueSerde ?? right.ValueSerde, null) : right;
        var prefix = joined.StoreName ?? builder.Internal.NewName("KSTREAM-JOIN-");
        var leftStore = $"{prefix}-this-join-store";
        var rightStore = $"{prefix}-other-join-store";
        builder.Internal.AddStore(Store(leftStore, keySerde, joined.ValueSerde ?? left.ValueSerde, windows, joined));
        builder.Internal.AddStore(Store(rightStore, keySerde, joined.OtherValueSerde ?? right.ValueSerde, windows, joined));

        var leftNode = builder.AddProcessor<K, V, K, VR>("KSTREAM-JOINTHIS-",
            () => new KStreamKStreamJoin<K, V, VO, VR>(leftStore, rightStore, windows.BeforeMs, windows.AfterMs, windows.GraceMs, joiner), leftStream.NodeName);
        var rightNode = builder.AddProcessor<K, VO, K, VR>("KSTREAM-JOINOTHER-",
            () => new KStreamKStreamJoin<K, VO, V, VR>(rightStore, leftStore, windows.AfterMs, windows.BeforeMs, windows.GraceMs, (o, v) => joiner(v, o)), rightStream.NodeName);
        foreach (var node in new[] { leftNode, rightNode })
        {
            builder.Internal.ConnectStore(leftStore, node);
            builder.Internal.ConnectStore(rightStore, node);
        }
        var merge = builder.AddProcessor<K, VR, K, VR>("KSTREAM-MERGE-", () => new KStreamPassThrough<K, VR>(), leftNode, rightNode);
        return new KStream<K, VR>(builder, merge, keySerde, null, repartitionRequired: false);
    }

    private static StoreBuilder Store<K, T, V, VO>(string name, ISerde<K>? keySerde, ISerde<T>? valueSerde, JoinWindows windows, StreamJoined<K, V, VO> joined)
    {
        var supplier = joined.InMemory ? Stores.InMemoryWindowStore(name, windows.Retention) : Stores.PersistentWindowStore(name, windows.Retention);
        var builder = new ListWindowStoreBuilder<K, T>(supplier, keySerde, valueSerde);
        return joined.LoggingEnabled ? builder : builder.WithLoggingDisabled();
    }
}
