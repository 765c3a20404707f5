using OrderStreams.Streams.Processor;
using OrderStreams.Streams.State;

namespace OrderStreams.Streams.Internals.Processors;

/// <summary>Joins each stream record with the table's current value for its key; a left join passes a missing value as <c>default</c>.</summary>
internal sealed class KStreamKTableJoin<K, V, VT, VR>(string storeName, Func<V, VT?, VR> joiner, bool leftJoin) : ProcessorBase<K, V, K, VR>
{
    private IReadOnlyKeyValueStore<K, VT> table = null!;

    public override void Init(IProcessorContext<K, VR> context)
    {
        base.Init(context);
        table = context.GetStateStore<IKeyValueStore<K, VT>>(storeName);
    }

    public override void Process(Record<K, V> record)
    {
        if (record.Key is null || record.Value is null) return;
        if (table.TryGet(record.Key, out var tableValue)) Context.Forward(record.WithValue(joiner(record.Value, tableValue)));
        else if (leftJoin) Context.Forward(record.WithValue(joiner(record.Value, default)));
    }
}
