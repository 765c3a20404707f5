namespace OrderStreams.Streams.State.RocksDb;

/// <summary>
/// How a store's database is opened. The defaults follow Kafka Streams' RocksDB store, except that blocks are LZ4
/// compressed (Kafka Streams stores them uncompressed).
/// </summary>
public sealed record RocksDbOptions
{
    public static RocksDbOptions Default { get; } = new();

    /// <summary>Capacity of this database's own LRU block cache, when <see cref="BlockCache"/> is null.</summary>
    public long BlockCacheSize { get; init; } = 50L * 1024 * 1024;

    /// <summary>A block cache shared with other databases instead of one of their own.</summary>
    public RocksDbBlockCache? BlockCache { get; init; }

    /// <summary>Size of one memtable before it is flushed to an SST file.</summary>
    public long WriteBufferSize { get; init; } = 16L * 1024 * 1024;

    /// <summary>
    /// Writes skip RocksDB's write-ahead log, because the store's changelog topic is the durable copy. Unflushed
    /// writes are then lost on a crash (the changelog restores them); <see cref="RocksDbDatabase.Dispose"/> flushes,
    /// so a clean close keeps everything.
    /// </summary>
    public bool DisableWal { get; init; } = true;

    public bool CreateIfMissing { get; init; } = true;

    public RocksDbCompression Compression { get; init; } = RocksDbCompression.Lz4;

    /// <summary>Background flush and compaction threads.</summary>
    public int Parallelism { get; init; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>Table files kept open; -1 keeps all open.</summary>
    public int MaxOpenFiles { get; init; } = -1;

    /// <summary>Bloom filter bits per key, so lookups of absent keys rarely read a block; 0 disables the filter.</summary>
    public double BloomFilterBitsPerKey { get; init; } = 10;
}
