using OrderStreams.Streams.Internals.Tracing;
using OrderStreams.Streams.Processor;
using OrderStreams.Streams.Serialization;

namespace OrderStreams.Streams.Internals.Runtime;

internal sealed class SinkNode<K, V>(string name, string topic, ISerde<K> keySerde, ISerde<V> valueSerde, IStreamPartitioner<K, V>? partitioner)
    : ProcessorNode(name), IRecordReceiver<K, V>
{
    private TopologyTask? task;

    public override void Init(TopologyTask owner) => task = owner;

    public void Receive(in Record<K, V> record)
    {
        var headers = record.HeadersOrNull;
        var key = record.Key is null ? null : keySerde.Serialize(record.Key, new SerdeContext(topic, headers, true));
        var value = record.Value is null ? null : valueSerde.Serialize(record.Value, new SerdeContext(topic, headers, false));
        var collector = task!.Collector;
        var partition = partitioner?.Partition(topic, record.Key, record.Value, collector.PartitionCount(topic));
        if (!RecordTracing.Enabled)
        {
            collector.Send(topic, partition, key, value, headers, record.Timestamp);
            return;
        }
        using var span = RecordTracing.StartSend(topic, partition, record.Key, headers, task.CurrentHeaders, out var sendHeaders);
        collector.Send(topic, partition, key, value, sendHeaders, record.Timestamp);
    }
}
