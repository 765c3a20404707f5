using OrderStreams.Streams.Processor;

namespace OrderStreams.Streams.Internals.Runtime;

/// <summary>A node's typed children, cast once at initialisation so forwarding is a plain loop.</summary>
internal sealed class Forwarder<K, V>
{
    private IRecordReceiver<K, V>[] receivers = [];
    private Dictionary<string, IRecordReceiver<K, V>> byName = [];

    public void Connect(ProcessorNode owner)
    {
        receivers = owner.Children.Select(child => child as IRecordReceiver<K, V> ?? throw new TopologyException(
                $"Node '{owner.Name}' forwards <{typeof(K).Name}, {typeof(V).Name}> records, which its child '{child.Name}' does not take."))
            .ToArray();
        byName = owner.Children.Zip(receivers).ToDictionary(p => p.First.Name, p => p.Second, StringComparer.Ordinal);
    }

    public void Forward(in Record<K, V> record)
    {
        foreach (var receiver in receivers) receiver.Receive(record);
    }

    public void Forward(in Record<K, V> record, string childName, string ownerName)
    {
        if (!byName.TryGetValue(childName, out var receiver))
            throw new StreamsException($"Node '{ownerName}' has no child named '{childName}' (children: {string.Join(", ", byName.Keys)}).");
        receiver.Receive(record);
    }
}
