using OrderStreams.Testing;

namespace OrderStreams.Kafka.Tests.Native;

public sealed class MissingNativeLibraryTests
{
    [Fact]
    public void Cli_WithoutLibrdkafka_StopsWithOneLineNamingThePackage()
    {
        using var cli = ChildProcess.StartDotnet(
            RepositoryPaths.AssemblyOf("src/OrderStreams.Cli", "orderstreams"),
            ["broker", "--manifest", RepositoryPaths.Of("deploy/topics.yaml")],
            new Dictionary<string, string> { ["ORDERSTREAMS_LIBRDKAFKA"] = "/nonexistent/librdkafka.so.1" });

        Assert.Null(cli.ReadLine(TimeSpan.FromSeconds(30)));
        cli.Stop(TimeSpan.FromSeconds(30));

        Assert.Equal(69, cli.ExitCode);
        var message = Assert.Single(cli.Errors.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("orderstreams: librdkafka was not found (tried /nonexistent/librdkafka.so.1 (", message);
        Assert.Contains("Install the librdkafka.redist NuGet package", message);
        Assert.DoesNotContain("Exception", message);
    }
}
