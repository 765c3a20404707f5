using OrderStreams.Streams.Processor;

namespace OrderStreams.Streams.Internals.Processors;

internal sealed class KStreamPeek<K, V>(Action<K, V> action) : ProcessorBase<K, V, K, V>
{
    public override void Process(Record<K, V> record)
    {
        action(record.Key, record.Value);
        Context.Forward(record);
    }
}
