using OrderStreams.Streams.Processor;

namespace OrderStreams.Streams.Internals.Runtime;

/// <summary>A node that takes records of these types; parents forward to their children through it.</summary>
internal interface IRecordReceiver<K, V>
{
    void Receive(in Record<K, V> record);
}
