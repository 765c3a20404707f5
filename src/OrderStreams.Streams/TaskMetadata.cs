using Confluent.Kafka;
using OrderStreams.Streams.Processor;

namespace OrderStreams.Streams;

/// <summary>An assigned task: its input partitions, and whether its stores are still restoring (its input waits until they are done).</summary>
public sealed record TaskMetadata(TaskId TaskId, IReadOnlyList<TopicPartition> TopicPartitions, bool Restoring);
