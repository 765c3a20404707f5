using Confluent.Kafka;
using OrderStreams.Streams.Internals.Tracing;

namespace OrderStreams.Streams.Processor;

/// <summary>
/// A record flowing through a topology. Immutable: the <c>With…</c> methods return a copy. A struct, so forwarding
/// a record allocates nothing.
/// </summary>
public readonly struct Record<K, V>
{
    private readonly Headers? headers;

    public Record(K key, V value, long timestamp, Headers? headers = null)
    {
        Key = key;
        Value = value;
        Timestamp = timestamp;
        this.headers = headers;
    }

    public K Key { get; }

    public V Value { get; }

    /// <summary>Milliseconds since the Unix epoch.</summary>
    public long Timestamp { get; }

    /// <summary>The record's headers; shared with the copies made by the <c>With…</c> methods, as in Kafka Streams.</summary>
    public Headers Headers => headers ?? [];

    internal Headers? HeadersOrNull => headers;

    public Record<NK, V> WithKey<NK>(NK key) => new(key, Value, Timestamp, headers);

    public Record<K, NV> WithValue<NV>(NV value) => new(Key, value, Timestamp, headers);

    public Record<K, V> WithTimestamp(long timestamp) => new(Key, Value, timestamp, headers);

    public Record<K, V> WithHeaders(Headers headers) => new(Key, Value, Timestamp, headers);

    /// <summary>
    /// A copy that continues the trace of <paramref name="traceParent"/> (kept from
    /// <see cref="IProcessorContext{KOut,VOut}.TraceParent"/>) instead of the trace of the record being processed: for a
    /// record about another entity, or one a punctuation emits. Null returns the record unchanged.
    /// </summary>
    public Record<K, V> WithTraceParent(string? traceParent) =>
        traceParent is null ? this : new(Key, Value, Timestamp, RecordTracing.WithTraceParent(headers, traceParent, null));

    public override string ToString() => $"Record(key={Key}, value={Value}, timestamp={Timestamp})";
}
