using Confluent.Kafka;
using OrderStreams.Streams.Processor;

namespace OrderStreams.Streams.TestApp;

/// <summary>Reports restoration on stdout: <c>RESTORING store topic partition start end</c>, then <c>RESTORED store topic partition records</c>.</summary>
internal sealed class ConsoleRestoreListener : IStateRestoreListener
{
    public void OnRestoreStart(TopicPartition changelog, string storeName, long startingOffset, long endingOffset) =>
        Console.WriteLine($"RESTORING {storeName} {changelog.Topic} {changelog.Partition.Value} {startingOffset} {endingOffset}");

    public void OnRestoreEnd(TopicPartition changelog, string storeName, long totalRestored) =>
        Console.WriteLine($"RESTORED {storeName} {changelog.Topic} {changelog.Partition.Value} {totalRestored}");
}
