namespace OrderStreams.Streams.Internals.State.RocksDb;

/// <summary>A RocksDB call failed; <see cref="Reason"/> is RocksDB's own message.</summary>
internal sealed class RocksDbException(string path, string operation, string reason, Exception? innerException = null)
    : Exception($"RocksDB {operation} failed for {path}: {reason}", innerException)
{
    /// <summary>The database directory.</summary>
    public string Path { get; } = path;

    public string Operation { get; } = operation;

    public string Reason { get; } = reason;
}
