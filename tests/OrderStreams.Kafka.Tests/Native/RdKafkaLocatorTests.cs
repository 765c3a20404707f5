using System.Runtime.InteropServices;
using OrderStreams.Native;

namespace OrderStreams.Kafka.Tests.Native;

public sealed class RdKafkaLocatorTests : IDisposable
{
    private readonly string program = Directory.CreateTempSubdirectory("rdkafka-locator-").FullName;

    private string NativeFolder => Path.Combine(program, "runtimes", RdKafkaLocator.RuntimeIdentifier, "native");

    [Fact]
    public void Load_DefaultBuildCannotLoad_FallsBackToCentos8AndSaysWhy()
    {
        Directory.CreateDirectory(NativeFolder);
        File.WriteAllText(Path.Combine(NativeFolder, "librdkafka.so"), "not a shared object");
        // A link to the library this process already runs on: dlopen() knows it by inode, so no second copy is loaded.
        File.CreateSymbolicLink(Path.Combine(NativeFolder, "centos8-librdkafka.so"), NativeLibraries.EnsureKafka().Path);

        var (handle, path, variant, reason) = RdKafkaLocator.Load(null, program, NativeLibrary.Load);

        Assert.NotEqual(0, handle);
        Assert.Equal(Path.Combine(NativeFolder, "centos8-librdkafka.so"), path);
        Assert.Equal("centos8", variant);
        Assert.StartsWith("fallback, the default build librdkafka.so cannot load here: ", reason);
        Assert.DoesNotContain("\n", reason);
    }

    [Fact]
    public void Load_DefaultBuildLoads_TakesIt()
    {
        Directory.CreateDirectory(NativeFolder);
        File.WriteAllText(Path.Combine(NativeFolder, "librdkafka.so"), "");
        File.WriteAllText(Path.Combine(NativeFolder, "centos8-librdkafka.so"), "");
        var loaded = new List<string>();

        var (_, path, variant, reason) = RdKafkaLocator.Load(null, program, file => { loaded.Add(file); return 1; });

        Assert.Equal([Path.Combine(NativeFolder, "librdkafka.so")], loaded);
        Assert.Equal(Path.Combine(NativeFolder, "librdkafka.so"), path);
        Assert.Equal("default", variant);
        Assert.Equal("the package's default build", reason);
    }

    [Fact]
    public void Load_PublishedFlat_FindsTheBuildBesideTheProgram()
    {
        File.WriteAllText(Path.Combine(program, "librdkafka.so"), "");

        var (_, path, variant, _) = RdKafkaLocator.Load(null, program, _ => 1);

        Assert.Equal(Path.Combine(program, "librdkafka.so"), path);
        Assert.Equal("default", variant);
    }

    [Fact]
    public void Load_NoBuildThere_NamesTheFolderAndThePackage()
    {
        var error = Assert.Throws<MissingNativeLibraryException>(() => RdKafkaLocator.Load(null, program, _ => 1));

        Assert.Contains(NativeFolder, error.Message);
        Assert.Contains("librdkafka.redist", error.Message);
    }

    [Fact]
    public void Load_NoBuildLoads_ListsEachWithItsError()
    {
        Directory.CreateDirectory(NativeFolder);
        File.WriteAllText(Path.Combine(NativeFolder, "librdkafka.so"), "not a shared object");
        File.WriteAllText(Path.Combine(NativeFolder, "centos8-librdkafka.so"), "not a shared object");

        var error = Assert.Throws<MissingNativeLibraryException>(() => RdKafkaLocator.Load(null, program, NativeLibrary.Load));

        Assert.Equal(2, error.Tried.Count);
        Assert.All(error.Tried, tried => Assert.Matches(@"\.so \(.+\)$", tried));
    }

    [Fact]
    public void Load_Override_LoadsOnlyThatFile()
    {
        File.WriteAllText(Path.Combine(program, "librdkafka.so"), "");
        var loaded = new List<string>();

        var (_, path, variant, reason) = RdKafkaLocator.Load("/opt/custom/librdkafka.so", program, file => { loaded.Add(file); return 1; });

        Assert.Equal(["/opt/custom/librdkafka.so"], loaded);
        Assert.Equal("/opt/custom/librdkafka.so", path);
        Assert.Equal("override", variant);
        Assert.Equal("ORDERSTREAMS_LIBRDKAFKA names it", reason);
    }

    public void Dispose() => Directory.Delete(program, recursive: true);
}
