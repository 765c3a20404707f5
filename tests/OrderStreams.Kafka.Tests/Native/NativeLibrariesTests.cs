using System.Runtime.InteropServices;
using OrderStreams.Kafka.Embedded;
using OrderStreams.Native;

namespace OrderStreams.Kafka.Tests.Native;

public sealed class NativeLibrariesTests
{
    [Fact]
    public void EnsureKafka_LoadsTheClientPackagesLibraryFromTheRuntimesFolder()
    {
        var librdkafka = NativeLibraries.EnsureKafka();

        Assert.Equal(Confluent.Kafka.Library.VersionString, librdkafka.Version);
        Assert.StartsWith("2.16.", librdkafka.Version);
        var folder = Path.Combine(AppContext.BaseDirectory, "runtimes", RdKafkaLocator.RuntimeIdentifier, "native");
        Assert.Equal(folder, Path.GetDirectoryName(librdkafka.Path));
        Assert.Contains(librdkafka.Variant, new[] { "default", "centos8", "alpine" });
        if (librdkafka.Variant != "default") Assert.StartsWith("fallback, the default build librdkafka.so cannot load here: ", librdkafka.Reason);
        Assert.Contains("ssl", librdkafka.Features);
    }

    [Fact]
    public void EnsureKafka_OurBindingsAndConfluentKafka_ShareOneLibraryWithTheMockCluster()
    {
        var librdkafka = NativeLibraries.EnsureKafka();
        using var cluster = EmbeddedKafkaCluster.Start(1);

        // Every librdkafka mapped into this process is the one file loaded: Confluent.Kafka's, ours and the mock's.
        var mapped = File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(5).FirstOrDefault())
            .Where(file => file is not null && Path.GetFileName(file).Contains("librdkafka", StringComparison.Ordinal))
            .Distinct()
            .ToList();
        Assert.Equal([Path.GetFullPath(librdkafka.Path)], mapped);
        Assert.True(NativeLibrary.TryGetExport(NativeLibrary.Load(librdkafka.Path), "rd_kafka_mock_cluster_new", out _));
        Assert.StartsWith("127.0.0.1:", cluster.BootstrapServers);
    }
}
