namespace OrderStreams.Streams.State.RocksDb;

/// <summary>Block compression; the values are RocksDB's. The library must be built with the chosen codec.</summary>
public enum RocksDbCompression
{
    None = 0,
    Snappy = 1,
    Lz4 = 4,
    Zstd = 7,
}
