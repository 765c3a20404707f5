using OrderStreams.Streams.Processor;
using OrderStreams.Streams.State;

namespace OrderStreams.Streams.Internals.Processors;

/// <summary>Joins each stream record with the global table's value for the key the selector picks; the stream keeps its key.</summary>
internal sealed class KStreamGlobalKTableJoin<K, V, GK, GV, VR>(string storeName, Func<K, V, GK> keySelector, Func<K, V, GV?, VR> joiner, bool leftJoin)
    : ProcessorBase<K, V, K, VR>
{
    private IReadOnlyKeyValueStore<GK, GV> table = null!;

    public override void Init(IProcessorContext<K, VR> context)
    {
        base.Init(context);
        table = context.GetStateStore<IKeyValueStore<GK, GV>>(storeName);
    }

    public override void Process(Record<K, V> record)
    {
        if (record.Value is null) return;
        var tableKey = keySelector(record.Key, record.Value);
        if (tableKey is not null && table.TryGet(tableKey, out var tableValue))
            Context.Forward(record.WithValue(joiner(record.Key, record.Value, tableValue)));
        else if (leftJoin)
            Context.Forward(record.WithValue(joiner(record.Key, record.Value, default)));
    }
}
