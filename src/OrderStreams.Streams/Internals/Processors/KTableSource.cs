using OrderStreams.Streams.Processor;
using OrderStreams.Streams.State;

namespace OrderStreams.Streams.Internals.Processors;

/// <summary>Materializes a table topic: puts each record (a null value deletes) into the store and forwards it.</summary>
internal sealed class KTableSource<K, V>(string storeName) : ProcessorBase<K, V, K, V>
{
    private IKeyValueStore<K, V> store = null!;

    public override void Init(IProcessorContext<K, V> context)
    {
        base.Init(context);
        store = context.GetStateStore<IKeyValueStore<K, V>>(storeName);
    }

    public override void Process(Record<K, V> record)
    {
        if (record.Key is null) return;
        store.Put(record.Key, record.Value);
        Context.Forward(record);
    }
}
