using RocksDbSharp;

namespace OrderStreams.Streams.Internals.State.RocksDb;

/// <summary>
/// How a store's database is opened, tuned for a store's two workloads. Serving: point lookups pass a whole-key bloom
/// filter first, and index and filter blocks live in the block cache (shared by every store of an instance), so one
/// number bounds the memory reads use. Restore: <see cref="RocksDbDatabase.BeginBulkLoad"/> switches to
/// <see cref="BulkLoadWriteBufferSize"/> and no compaction until <see cref="RocksDbDatabase.EndBulkLoad"/>. Blocks are
/// LZ4 compressed (Kafka Streams stores them uncompressed).
/// </summary>
internal sealed record RocksDbOptions
{
    public static RocksDbOptions Default { get; } = new();

    /// <summary>Capacity of this database's own LRU block cache, when <see cref="BlockCache"/> is null.</summary>
    public long BlockCacheSize { get; init; } = 50L * 1024 * 1024;

    /// <summary>A block cache shared with other databases instead of one of their own.</summary>
    public Cache? BlockCache { get; init; }

    /// <summary>Size of one memtable before it is flushed to an SST file, while serving.</summary>
    public long WriteBufferSize { get; init; } = 16L * 1024 * 1024;

    /// <summary>Memtables kept before writes wait for flushes (Kafka Streams' value).</summary>
    public int MaxWriteBufferNumber { get; init; } = 3;

    /// <summary>
    /// Size of one memtable while restoring: larger memtables make fewer, larger level-0 files, which matters while
    /// compaction is off.
    /// </summary>
    public long BulkLoadWriteBufferSize { get; init; } = 64L * 1024 * 1024;

    /// <summary>
    /// Writes skip RocksDB's write-ahead log, because the store's changelog topic is the durable copy. Unflushed
    /// writes are then lost on a crash (the changelog restores them); <see cref="RocksDbDatabase.Dispose"/> flushes,
    /// so a clean close keeps everything.
    /// </summary>
    public bool DisableWal { get; init; } = true;

    public bool CreateIfMissing { get; init; } = true;

    public Compression Compression { get; init; } = Compression.Lz4;

    /// <summary>Background flush and compaction threads.</summary>
    public int Parallelism { get; init; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>Table files kept open; -1 keeps all open.</summary>
    public int MaxOpenFiles { get; init; } = -1;

    /// <summary>Bloom filter bits per key, so lookups of absent keys rarely read a block; 0 disables the filter.</summary>
    public int BloomFilterBitsPerKey { get; init; } = 10;

    internal DbOptions ToDbOptions()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(WriteBufferSize, nameof(WriteBufferSize));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BulkLoadWriteBufferSize, nameof(BulkLoadWriteBufferSize));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Parallelism, nameof(Parallelism));
        ArgumentOutOfRangeException.ThrowIfNegative(BlockCacheSize, nameof(BlockCacheSize));
        var table = new BlockBasedTableOptions()
            .SetBlockCache(BlockCache ?? Cache.CreateLru((ulong)BlockCacheSize))
            .SetCacheIndexAndFilterBlocks(true)
            .SetPinL0FilterAndIndexBlocksInCache(true)
            .SetWholeKeyFiltering(true);
        // Create's second argument defaults to the block-based filter, which RocksDB 7 and later no longer build.
        if (BloomFilterBitsPerKey > 0) table.SetFilterPolicy(BloomFilterPolicy.Create(BloomFilterBitsPerKey, false));
        return new DbOptions()
            .SetCreateIfMissing(CreateIfMissing)
            .IncreaseParallelism(Parallelism)
            .SetWriteBufferSize((ulong)WriteBufferSize)
            .SetMaxWriteBufferNumber(MaxWriteBufferNumber)
            .SetMaxOpenFiles(MaxOpenFiles)
            .SetCompression(Compression)
            .SetBlockBasedTableFactory(table);
    }
}
