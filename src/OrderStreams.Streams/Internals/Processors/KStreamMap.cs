using OrderStreams.Streams.Processor;

namespace OrderStreams.Streams.Internals.Processors;

internal sealed class KStreamMap<K, V, KR, VR>(Func<K, V, (KR Key, VR Value)> mapper) : ProcessorBase<K, V, KR, VR>
{
    public override void Process(Record<K, V> record)
    {
        var (key, value) = mapper(record.Key, record.Value);
        Context.Forward(record.WithKey(key).WithValue(value));
    }
}
