using OrderStreams.Streams.Internals.Runtime;
using OrderStreams.Streams.Processor;
using OrderStreams.Streams.Serialization;

namespace OrderStreams.Streams.Internals.Graph;

internal abstract class SinkDefinition(string name, TopicName topic) : NodeDefinition(name)
{
    public TopicName Topic { get; } = topic;

    public override string Describe() => $"Sink: {Name} (topic: {Topic})";
}

internal sealed class SinkDefinition<K, V>(string name, TopicName topic, ISerde<K>? keySerde, ISerde<V>? valueSerde, IStreamPartitioner<K, V>? partitioner)
    : SinkDefinition(name, topic)
{
    public override ProcessorNode Create(StreamsConfig config) => new SinkNode<K, V>(
        Name,
        Topic.Resolve(config.ApplicationId),
        SerdeResolver.Key(keySerde, config, $"Sink '{Name}' to {Topic}"),
        SerdeResolver.Value(valueSerde, config, $"Sink '{Name}' to {Topic}"),
        partitioner);

    public override void Validate(StreamsConfig config)
    {
        SerdeResolver.Key(keySerde, config, $"Sink '{Name}' to {Topic}");
        SerdeResolver.Value(valueSerde, config, $"Sink '{Name}' to {Topic}");
    }
}
