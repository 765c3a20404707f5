using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RocksDbSharp;

namespace OrderStreams.Streams.Internals.State.RocksDb;

/// <summary>
/// What the RocksDB stores of one <see cref="KafkaStreams"/> instance share: their options, with one block cache made
/// when the first store opens (stateless applications never load RocksDB), and their logger.
/// </summary>
internal sealed class RocksDbStoreSettings
{
    private readonly Lazy<RocksDbOptions> options;

    public RocksDbStoreSettings(long blockCacheSize, ILogger logger)
    {
        Logger = logger;
        options = new Lazy<RocksDbOptions>(() =>
        {
            var cache = Cache.CreateLru((ulong)blockCacheSize);
            logger.LogInformation(
                "RocksDB stores use the native library {Path} and share a {Megabytes} MB block cache", LibraryPath, blockCacheSize >> 20);
            return RocksDbOptions.Default with { BlockCache = cache };
        });
    }

    private RocksDbStoreSettings(RocksDbOptions options, ILogger logger)
    {
        Logger = logger;
        this.options = new Lazy<RocksDbOptions>(options);
    }

    /// <summary>Each database with a cache of its own, no logging: for stores opened outside an application.</summary>
    public static RocksDbStoreSettings Default { get; } = new(RocksDbOptions.Default, NullLogger.Instance);

    /// <summary>The file the RocksDB native library was loaded from (loading it if needed).</summary>
    public static string LibraryPath
    {
        get
        {
            _ = RocksDbSharp.Native.Instance;
            return NativeImport.Auto.LoadedPath;
        }
    }

    public RocksDbOptions Options => options.Value;

    public ILogger Logger { get; }
}
