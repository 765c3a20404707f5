namespace OrderStreams.Streams.Internals.State;

/// <summary>The byte-level store under every typed store; ordered bytewise; safe for one writer and concurrent readers.</summary>
internal interface IBytesStore : IDisposable
{
    bool Persistent { get; }

    /// <summary>Opens the store in <paramref name="directory"/> (ignored by in-memory stores).</summary>
    void Open(string directory);

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

    /// <summary>Deletes everything, on disk too (before a full restore).</summary>
    void Wipe();
}
