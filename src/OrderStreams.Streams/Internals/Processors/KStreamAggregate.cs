using OrderStreams.Streams.Internals.State;
using OrderStreams.Streams.Processor;
using OrderStreams.Streams.State;

namespace OrderStreams.Streams.Internals.Processors;

/// <summary>Folds each record into its key's aggregate and forwards the new aggregate; null keys and values are skipped, as in Kafka.</summary>
internal sealed class KStreamAggregate<K, V, VA>(string storeName, Func<K, VA> initializer, Func<K, V, VA, VA> aggregator) : ProcessorBase<K, V, K, VA>
{
    private IKeyValueStore<K, VA> store = null!;
    private bool forwardedOnFlush;

    public override void Init(IProcessorContext<K, VA> context)
    {
        base.Init(context);
        store = context.GetStateStore<IKeyValueStore<K, VA>>(storeName);
        // A caching store forwards each key's latest aggregate when it flushes, instead of every update.
        forwardedOnFlush = store is ICachedKeyValueStore<K, VA> cached && cached.SetFlushListener(context.Forward);
    }

    public override void Process(Record<K, V> record)
    {
        if (record.Key is null || record.Value is null) return;
        var current = store.TryGet(record.Key, out var existing) ? existing : initializer(record.Key);
        var updated = aggregator(record.Key, record.Value, current);
        store.Put(record.Key, updated);
        if (!forwardedOnFlush) Context.Forward(record.WithValue(updated));
    }
}
