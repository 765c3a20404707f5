using Confluent.Kafka;

namespace OrderStreams.Streams.TestDriver;

/// <summary>A record read from or piped into a test topic.</summary>
public sealed record TestRecord<K, V>(K Key, V Value, long Timestamp, Headers Headers)
{
    public TestRecord(K key, V value, long timestamp)
        : this(key, value, timestamp, [])
    {
    }
}
