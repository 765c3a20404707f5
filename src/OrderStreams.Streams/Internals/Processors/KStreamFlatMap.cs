using OrderStreams.Streams.Processor;

namespace OrderStreams.Streams.Internals.Processors;

internal sealed class KStreamFlatMap<K, V, KR, VR>(Func<K, V, IEnumerable<(KR Key, VR Value)>> mapper) : ProcessorBase<K, V, KR, VR>
{
    public override void Process(Record<K, V> record)
    {
        foreach (var (key, value) in mapper(record.Key, record.Value)) Context.Forward(record.WithKey(key).WithValue(value));
    }
}
