using OrderStreams.Native;

namespace OrderStreams.Streams.Tests.State.RocksDb;

public sealed class RocksDbLibraryTests
{
    [Fact]
    public void Load_RocksDbNotInstalled_NamesThePackageAndTheOverride()
    {
        var absent = NativeLibraries.RocksDb with
        {
            Name = "librocksdb-absent",
            OverrideVariable = "ORDERSTREAMS_TEST_ABSENT_LIBROCKSDB",
            Candidates = ["/nonexistent/librocksdb.so", "librocksdb-absent.so.7.8"],
            ScanPrefix = null,
        };

        var error = Assert.Throws<MissingNativeLibraryException>(() => NativeLibraries.Load(absent));

        Assert.Equal(
            "librocksdb-absent was not found (tried /nonexistent/librocksdb.so, librocksdb-absent.so.7.8). Install RocksDB "
            + "(Debian bookworm: apt-get install librocksdb7.8; newer Debian/Ubuntu: the librocksdbX.Y package; macOS: brew install rocksdb), "
            + "or set ORDERSTREAMS_TEST_ABSENT_LIBROCKSDB to its path.",
            error.Message);
        Assert.Equal(absent, error.Library);
    }

    [Fact]
    public void EnsureRocksDb_OnThisMachine_LoadsTheOsLibrary()
    {
        NativeLibraries.EnsureRocksDb();

        Assert.NotEqual(0, NativeLibraries.Load(NativeLibraries.RocksDb));
    }
}
