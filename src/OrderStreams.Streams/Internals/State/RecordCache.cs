namespace OrderStreams.Streams.Internals.State;

/// <summary>
/// A stream thread's record cache budget (Kafka Streams' ThreadCache): the bytes held by the caches of every caching
/// store of the thread's tasks, against <see cref="StreamsConfig.CacheMaxBytesBuffering"/> divided among the threads.
/// </summary>
internal sealed class RecordCache(long maxBytes)
{
    private long sizeBytes;

    public long MaxBytes { get; } = maxBytes;

    public long SizeBytes => Interlocked.Read(ref sizeBytes);

    public bool OverBudget => SizeBytes > MaxBytes;

    public void Resize(long delta) => Interlocked.Add(ref sizeBytes, delta);
}
