using OrderStreams.Streams.Internals.State.RocksDb;

namespace OrderStreams.Streams.Tests.State.RocksDb;

public sealed class RocksDbLibraryTests
{
    private static readonly string Runtimes = Path.Combine(AppContext.BaseDirectory, "runtimes") + Path.DirectorySeparatorChar;

    [Fact]
    public void LibraryPath_Loaded_IsThePackagesLibraryInTheAppsRuntimesFolder()
    {
        var path = Path.GetFullPath(RocksDbStoreSettings.LibraryPath);

        Assert.StartsWith(Runtimes, path);
        Assert.StartsWith("librocksdb", Path.GetFileName(path));
    }

    [Fact]
    public void ProcessMaps_AfterOpeningADatabase_MapRocksDbOnlyFromTheAppsRuntimesFolder()
    {
        Assert.True(OperatingSystem.IsLinux(), "/proc/self/maps is Linux's");
        using var directory = new TempDirectory();
        using var db = RocksDbDatabase.Open(directory.Combine("store"));

        var mapped = File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length == 6 && Path.GetFileName(fields[5]).StartsWith("librocksdb", StringComparison.Ordinal))
            .Select(fields => fields[5])
            .Distinct()
            .ToList();

        Assert.NotEmpty(mapped);
        Assert.All(mapped, path => Assert.StartsWith(Runtimes, path));
    }
}
