using OrderStreams.Streams.Processor;

namespace OrderStreams.Streams.Internals.Processors;

/// <summary>Forwards everything; the node behind Merge, branches and ToStream.</summary>
internal sealed class KStreamPassThrough<K, V> : ProcessorBase<K, V, K, V>
{
    public override void Process(Record<K, V> record) => Context.Forward(record);
}
