using OrderStreams.Streams.Internals.State.RocksDb;

namespace OrderStreams.Streams.Tests.State.RocksDb;

/// <summary>A database with default options in a <see cref="TempDirectory"/>, closed and deleted on dispose.</summary>
internal sealed class TempDatabase : IDisposable
{
    private readonly TempDirectory directory = new();

    public TempDatabase() => Db = RocksDbDatabase.Open(directory.Combine("store"));

    public RocksDbDatabase Db { get; }

    public void Dispose()
    {
        Db.Dispose();
        directory.Dispose();
    }
}
