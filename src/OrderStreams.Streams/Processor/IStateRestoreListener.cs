using Confluent.Kafka;

namespace OrderStreams.Streams.Processor;

/// <summary>
/// Follows the restoration of state stores from their changelogs (and of global stores from their topics), as Kafka
/// Streams' <c>StateRestoreListener</c>. Called on the stream thread doing the restore, so keep it quick; an exception
/// stops that thread.
/// </summary>
public interface IStateRestoreListener
{
    /// <summary>A store partition starts restoring the records in [<paramref name="startingOffset"/>, <paramref name="endingOffset"/>).</summary>
    void OnRestoreStart(TopicPartition changelog, string storeName, long startingOffset, long endingOffset);

    /// <summary>A batch of <paramref name="restoredRecords"/> records was written; the next offset to restore is <paramref name="batchEndOffset"/>.</summary>
    void OnBatchRestored(TopicPartition changelog, string storeName, long batchEndOffset, long restoredRecords)
    {
    }

    /// <summary>The store partition is restored and its task can process.</summary>
    void OnRestoreEnd(TopicPartition changelog, string storeName, long totalRestored);
}
