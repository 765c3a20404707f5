using Confluent.Kafka;
using OrderStreams.Streams.Internals.State;

namespace OrderStreams.Streams.Internals.Runtime;

/// <summary>Where a task's output goes: Kafka through the thread's producer, or the test driver's output topics.</summary>
internal interface IRecordCollector : IChangelogWriter
{
    /// <summary>Sends serialized bytes; a null partition lets the producer's murmur2 partitioner choose.</summary>
    void Send(string topic, int? partition, byte[]? key, byte[]? value, Headers? headers, long timestamp);

    void IChangelogWriter.SendChangelog(string topic, int partition, byte[] key, byte[]? value, long timestamp) =>
        Send(topic, partition, key, value, null, timestamp);

    int PartitionCount(string topic);

    /// <summary>Handles every bad record of the thread (or driver), dead-lettering through this collector.</summary>
    ErrorHandler Errors { get; }
}
