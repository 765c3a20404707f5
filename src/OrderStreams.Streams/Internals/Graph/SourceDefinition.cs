using OrderStreams.Streams.Internals.Runtime;
using OrderStreams.Streams.Serialization;

namespace OrderStreams.Streams.Internals.Graph;

internal abstract class SourceDefinition(string name, IReadOnlyList<TopicName> topics) : NodeDefinition(name)
{
    public IReadOnlyList<TopicName> Topics { get; } = topics;

    public override string Describe() => $"Source: {Name} (topics: [{string.Join(", ", Topics)}])";
}

internal sealed class SourceDefinition<K, V>(string name, IReadOnlyList<TopicName> topics, ISerde<K>? keySerde, ISerde<V>? valueSerde, Func<K, V, long, long>? timestampExtractor)
    : SourceDefinition(name, topics)
{
    public override ProcessorNode Create(StreamsConfig config) =>
        new SourceNode<K, V>(Name, SerdeResolver.Key(keySerde, config, $"Source '{Name}'"), SerdeResolver.Value(valueSerde, config, $"Source '{Name}'"), timestampExtractor);

    public override void Validate(StreamsConfig config)
    {
        SerdeResolver.Key(keySerde, config, $"Source '{Name}'");
        SerdeResolver.Value(valueSerde, config, $"Source '{Name}'");
    }
}
