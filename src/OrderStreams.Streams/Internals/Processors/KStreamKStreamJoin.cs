using OrderStreams.Streams.Processor;
using OrderStreams.Streams.State;

namespace OrderStreams.Streams.Internals.Processors;

/// <summary>
/// One side of a windowed stream-stream join: remembers its own record in its window store and joins it with the other
/// side's records of the same key within the time difference. The result carries the later of the two timestamps.
/// </summary>
internal sealed class KStreamKStreamJoin<K, VThis, VOther, VR>(
    string thisStore, string otherStore, long beforeMs, long afterMs, long graceMs, Func<VThis, VOther, VR> joiner)
    : ProcessorBase<K, VThis, K, VR>
{
    private IWindowStore<K, List<VThis>> own = null!;
    private IWindowStore<K, List<VOther>> other = null!;

    public override void Init(IProcessorContext<K, VR> context)
    {
        base.Init(context);
        own = context.GetStateStore<IWindowStore<K, List<VThis>>>(thisStore);
        other = context.GetStateStore<IWindowStore<K, List<VOther>>>(otherStore);
    }

    public override void Process(Record<K, VThis> record)
    {
        if (record.Key is null || record.Value is null) return;
        var timestamp = record.Timestamp;
        if (timestamp < Context.CurrentStreamTime - beforeMs - afterMs - graceMs) return;
        var values = own.Fetch(record.Key, timestamp) ?? [];
        values.Add(record.Value);
        own.Put(record.Key, values, timestamp);
        foreach (var (otherTimestamp, otherValues) in other.Fetch(record.Key, timestamp - beforeMs, timestamp + afterMs))
        {
            foreach (var otherValue in otherValues)
                Context.Forward(new Record<K, VR>(record.Key, joiner(record.Value, otherValue), Math.Max(timestamp, otherTimestamp), record.HeadersOrNull));
        }
    }
}
