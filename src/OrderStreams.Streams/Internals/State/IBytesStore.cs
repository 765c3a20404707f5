namespace OrderStreams.Streams.Internals.State;

/// <summary>The byte-level store under every typed store; ordered bytewise; safe for one writer and concurrent readers.</summary>
internal interface IBytesStore : IDisposable
{
    bool Persistent { get; }

    /// <summary>
    /// True when <see cref="Open"/> found content it could not keep (another on-disk format) and deleted it, so the
    /// task's checkpointed offsets no longer describe the store.
    /// </summary>
    bool WipedOnOpen { get; }

    /// <summary>Opens the store in the context's directory (ignored by in-memory stores).</summary>
    void Open(StoreContext context);

    byte[]? Get(byte[] key);

    void Put(byte[] key, byte[] value);

    void Delete(byte[] key);

    /// <summary>An empty batch for <see cref="Write"/>.</summary>
    IBytesWriteBatch CreateWriteBatch();

    /// <summary>Applies a batch made by <see cref="CreateWriteBatch"/> at once (restore, cache flushes).</summary>
    void Write(IBytesWriteBatch batch);

    /// <summary>Entries with <paramref name="from"/> ≤ key ≤ <paramref name="to"/>; a null bound is open.</summary>
    IEnumerable<KeyValuePair<byte[], byte[]>> Range(byte[]? from, byte[]? to);

    long ApproximateCount { get; }

    void Flush();

    /// <summary>Prepares for a restore's bulk writes, until <see cref="EndBulkLoad"/>.</summary>
    void BeginBulkLoad();

    void EndBulkLoad();

    /// <summary>Deletes everything, on disk too (before a full restore).</summary>
    void Wipe();
}
