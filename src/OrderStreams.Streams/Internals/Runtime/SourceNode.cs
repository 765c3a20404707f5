using Confluent.Kafka;
using OrderStreams.Streams.Internals.Tracing;
using OrderStreams.Streams.Processor;
using OrderStreams.Streams.Serialization;

namespace OrderStreams.Streams.Internals.Runtime;

internal abstract class SourceNode(string name) : ProcessorNode(name)
{
    /// <summary>Deserializes and forwards one input record; deserialization failures go to the task's error handling.</summary>
    public abstract void Process(ConsumeResult<byte[], byte[]> raw, TopologyTask task);
}

internal sealed class SourceNode<K, V>(string name, ISerde<K> keySerde, ISerde<V> valueSerde, Func<K, V, long, long>? timestampExtractor)
    : SourceNode(name)
{
    private readonly Forwarder<K, V> forwarder = new();

    public override void Init(TopologyTask task) => forwarder.Connect(this);

    public override void Process(ConsumeResult<byte[], byte[]> raw, TopologyTask task)
    {
        var message = raw.Message;
        K key;
        V value;
        try
        {
            key = message.Key is null ? default! : keySerde.Deserialize(message.Key, new SerdeContext(raw.Topic, message.Headers, true));
            value = message.Value is null ? default! : valueSerde.Deserialize(message.Value, new SerdeContext(raw.Topic, message.Headers, false));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            task.Errors.OnDeserializationError(raw, e, task.Id);
            return;
        }
        var timestamp = message.Timestamp.UnixTimestampMs;
        if (timestampExtractor is not null) timestamp = timestampExtractor(key, value, timestamp);
        task.BeginRecord(timestamp);
        if (task.Processing is { } span) RecordTracing.TagKey(span, key);
        forwarder.Forward(new Record<K, V>(key, value, timestamp, message.Headers));
    }
}
