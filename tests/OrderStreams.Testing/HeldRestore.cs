using Confluent.Kafka;
using OrderStreams.Streams.Processor;

namespace OrderStreams.Testing;

/// <summary>
/// A restore listener that holds the restoring stream thread after its first written batch until released, so a test
/// can look at a store that is half restored.
/// </summary>
public sealed class HeldRestore : IStateRestoreListener, IDisposable
{
    private readonly ManualResetEventSlim released = new();

    /// <summary>Set once a first batch is written (and the thread is held).</summary>
    public ManualResetEventSlim FirstBatch { get; } = new();

    public void OnRestoreStart(TopicPartition changelog, string storeName, long startingOffset, long endingOffset)
    {
    }

    public void OnBatchRestored(TopicPartition changelog, string storeName, long batchEndOffset, long restoredRecords)
    {
        FirstBatch.Set();
        released.Wait(TimeSpan.FromSeconds(60));
    }

    public void OnRestoreEnd(TopicPartition changelog, string storeName, long totalRestored)
    {
    }

    public void Release() => released.Set();

    public void Dispose()
    {
        released.Set();
        released.Dispose();
        FirstBatch.Dispose();
    }
}
