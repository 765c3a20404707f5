using OrderStreams.Streams.Processor;
using OrderStreams.Streams.State;

namespace OrderStreams.Streams.Internals.Processors;

/// <summary>
/// Folds each record into every window it falls in and forwards the updated window aggregates; records for windows
/// already closed (window end + grace at or behind stream time) are dropped, as in Kafka.
/// </summary>
internal sealed class KStreamWindowAggregate<K, V, VA>(string storeName, TimeWindows windows, Func<K, VA> initializer, Func<K, V, VA, VA> aggregator)
    : ProcessorBase<K, V, Windowed<K>, VA>
{
    private IWindowStore<K, VA> store = null!;

    public override void Init(IProcessorContext<Windowed<K>, VA> context)
    {
        base.Init(context);
        store = context.GetStateStore<IWindowStore<K, VA>>(storeName);
    }

    public override void Process(Record<K, V> record)
    {
        if (record.Key is null || record.Value is null) return;
        var closeBefore = Context.CurrentStreamTime - windows.GraceMs;
        foreach (var start in windows.WindowStartsFor(record.Timestamp))
        {
            var end = start + windows.SizeMs;
            if (end <= closeBefore) continue;
            var current = store.Fetch(record.Key, start) is { } existing ? existing : initializer(record.Key);
            var updated = aggregator(record.Key, record.Value, current);
            store.Put(record.Key, updated, start);
            Context.Forward(record.WithKey(new Windowed<K>(record.Key, start, end)).WithValue(updated));
        }
    }
}
