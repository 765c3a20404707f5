using OrderStreams.Streams.Processor;

namespace OrderStreams.Streams.Internals.Processors;

internal sealed class KStreamMapValues<K, V, VR>(Func<K, V, VR> mapper) : ProcessorBase<K, V, K, VR>
{
    public override void Process(Record<K, V> record) => Context.Forward(record.WithValue(mapper(record.Key, record.Value)));
}
