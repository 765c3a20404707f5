using OrderStreams.Streams.Processor;

namespace OrderStreams.Streams.Internals.Processors;

/// <summary>Forwards the records the predicate accepts (or, for FilterNot, rejects).</summary>
internal sealed class KStreamFilter<K, V>(Func<K, V, bool> predicate, bool not) : ProcessorBase<K, V, K, V>
{
    public override void Process(Record<K, V> record)
    {
        if (predicate(record.Key, record.Value) != not) Context.Forward(record);
    }
}
