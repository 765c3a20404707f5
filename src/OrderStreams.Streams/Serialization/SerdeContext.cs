using Confluent.Kafka;

namespace OrderStreams.Streams.Serialization;

/// <summary>Where the bytes come from or go to: the topic, the record's headers, and whether they are the key.</summary>
public readonly record struct SerdeContext(string Topic, Headers? Headers, bool IsKey);
