namespace OrderStreams.Streams.Processor;

/// <summary>The source topic, partition and offset of the record being processed.</summary>
public sealed record RecordMetadata(string Topic, int Partition, long Offset);
