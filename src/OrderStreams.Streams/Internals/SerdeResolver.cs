using OrderStreams.Streams.Serialization;

namespace OrderStreams.Streams.Internals;

/// <summary>Picks a node's explicit serde, else the config's default when its type fits, else fails naming the node.</summary>
internal static class SerdeResolver
{
    public static ISerde<T> Key<T>(ISerde<T>? serde, StreamsConfig config, string where) => Resolve(serde, config.DefaultKeySerde, "key", where);

    public static ISerde<T> Value<T>(ISerde<T>? serde, StreamsConfig config, string where) => Resolve(serde, config.DefaultValueSerde, "value", where);

    private static ISerde<T> Resolve<T>(ISerde<T>? serde, object? fallback, string part, string where) =>
        serde ?? fallback as ISerde<T> ?? throw new TopologyException(fallback is null
            ? $"{where} has no {part} serde for {typeof(T).Name} and the config sets no default {part} serde; pass one (Consumed/Produced/Grouped/Materialized.With)."
            : $"{where} has no {part} serde for {typeof(T).Name} and the default {part} serde ({fallback.GetType().Name}) is not an ISerde<{typeof(T).Name}>; pass one.");
}
