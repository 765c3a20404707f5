using OrderStreams.Streams.Processor;

namespace OrderStreams.Streams.Internals.Processors;

/// <summary>Sends each record to the first branch whose predicate accepts it, else to the default branch if there is one.</summary>
internal sealed class KStreamBranch<K, V>(IReadOnlyList<(Func<K, V, bool> Predicate, string Child)> branches, string? defaultChild)
    : ProcessorBase<K, V, K, V>
{
    public override void Process(Record<K, V> record)
    {
        foreach (var (predicate, child) in branches)
        {
            if (!predicate(record.Key, record.Value)) continue;
            Context.Forward(record, child);
            return;
        }
        if (defaultChild is not null) Context.Forward(record, defaultChild);
    }
}
