using OrderStreams.Streams.Internals.State;
using OrderStreams.Streams.Processor;
using OrderStreams.Streams.State;

namespace OrderStreams.Streams.Internals.Processors;

/// <summary>Combines each record with its key's current value (the first value stands alone) and forwards the result.</summary>
internal sealed class KStreamReduce<K, V>(string storeName, Func<V, V, V> reducer) : ProcessorBase<K, V, K, V>
{
    private IKeyValueStore<K, V> store = null!;
    private bool forwardedOnFlush;

    public override void Init(IProcessorContext<K, V> context)
    {
        base.Init(context);
        store = context.GetStateStore<IKeyValueStore<K, V>>(storeName);
        // A caching store forwards each key's latest aggregate when it flushes, instead of every update.
        forwardedOnFlush = store is ICachedKeyValueStore<K, V> cached && cached.SetFlushListener(context.Forward);
    }

    public override void Process(Record<K, V> record)
    {
        if (record.Key is null || record.Value is null) return;
        var updated = store.TryGet(record.Key, out var existing) ? reducer(existing, record.Value) : record.Value;
        store.Put(record.Key, updated);
        if (!forwardedOnFlush) Context.Forward(record.WithValue(updated));
    }
}
