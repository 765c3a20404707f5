using Confluent.Kafka;
using OrderStreams.Streams.Processor;

namespace OrderStreams.Streams.Internals.State;

/// <summary>
/// One key in a store's cache: its latest value (null: deleted), whether the store and changelog have it yet (dirty),
/// and the context of the record that wrote it, which the flush forwards downstream.
/// </summary>
internal sealed class CacheEntry(byte[] key)
{
    /// <summary>Bookkeeping per entry besides key and value, for the budget (object headers, list nodes, dictionary slot).</summary>
    public const int Overhead = 96;

    public byte[] Key { get; } = key;

    public byte[]? Value { get; set; }

    public long Timestamp { get; set; }

    public Headers? Headers { get; set; }

    public RecordMetadata? Metadata { get; set; }

    public LinkedListNode<CacheEntry>? LruNode { get; set; }

    public LinkedListNode<CacheEntry>? DirtyNode { get; set; }

    public bool Dirty => DirtyNode is not null;

    public long Size => Overhead + Key.Length + (Value?.Length ?? 0);
}
