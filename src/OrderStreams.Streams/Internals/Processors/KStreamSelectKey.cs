using OrderStreams.Streams.Processor;

namespace OrderStreams.Streams.Internals.Processors;

internal sealed class KStreamSelectKey<K, V, KR>(Func<K, V, KR> selector) : ProcessorBase<K, V, KR, V>
{
    public override void Process(Record<K, V> record) => Context.Forward(record.WithKey(selector(record.Key, record.Value)));
}
