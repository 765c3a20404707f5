using Confluent.Kafka;
using OrderStreams.Streams.Processor;

namespace OrderStreams.Streams.Internals.State;

/// <summary>The record context a cached write keeps: what the flush forwards and logs it with.</summary>
internal readonly record struct CacheEntryContext(long Timestamp, Headers? Headers, RecordMetadata? Metadata);
