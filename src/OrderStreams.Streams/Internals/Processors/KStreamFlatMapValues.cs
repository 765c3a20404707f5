using OrderStreams.Streams.Processor;

namespace OrderStreams.Streams.Internals.Processors;

internal sealed class KStreamFlatMapValues<K, V, VR>(Func<K, V, IEnumerable<VR>> mapper) : ProcessorBase<K, V, K, VR>
{
    public override void Process(Record<K, V> record)
    {
        foreach (var value in mapper(record.Key, record.Value)) Context.Forward(record.WithValue(value));
    }
}
