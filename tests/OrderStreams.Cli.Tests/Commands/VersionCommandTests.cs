namespace OrderStreams.Cli.Tests.Commands;

public sealed class VersionCommandTests
{
    [Fact]
    public void Version_PrintsTheClientAndTheLoadedLibrary()
    {
        var (exitCode, output, errors) = Cli.Run("version");

        Assert.True(exitCode == 0, errors);
        var lines = output.Split('\n').Select(line => line.Split(": ", 2)).ToDictionary(pair => pair[0], pair => pair[1]);
        Assert.Equal(
            ["orderstreams", "confluent.kafka", "librdkafka", "librdkafka.file", "librdkafka.build", "librdkafka.features"],
            lines.Keys);
        Assert.StartsWith("2.16.0", lines["confluent.kafka"]);
        Assert.StartsWith("2.16.", lines["librdkafka"]);
        var file = lines["librdkafka.file"];
        Assert.True(File.Exists(file), file);
        Assert.Contains($"{Path.DirectorySeparatorChar}runtimes{Path.DirectorySeparatorChar}", file);
        Assert.Matches(@"^(default \(the package's default build\)|centos8 \(fallback, the default build librdkafka.so cannot load here: .+\))$", lines["librdkafka.build"]);
        Assert.Contains("sasl_scram", lines["librdkafka.features"]);
    }
}
