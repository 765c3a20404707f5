using System.Text.Json;
using OrderStreams.Testing;

namespace OrderStreams.Cli.Tests.Commands;

[Collection(EmbeddedKafkaCollection.Name)]
public sealed class KafkaConnectionOptionsTests(TestBrokerFixture kafka) : IDisposable
{
    private readonly string properties = Path.Combine(Path.GetTempPath(), $"client-{Guid.NewGuid():N}.properties");

    [Fact]
    public void CommandConfig_SettingsFromTheFile_ReachTheCluster()
    {
        var topic = kafka.CreateTopic("cli-command-config", partitions: 1);
        File.WriteAllLines(properties, ["# as Kafka's tools take it", $"bootstrap.servers={kafka.BootstrapServers}", "client.id=orderstreams-test"]);

        var (exitCode, output, errors) = Cli.Run("topics", "list", "--json", "--command-config", properties);

        Assert.True(exitCode == 0, errors);
        Assert.Contains(JsonDocument.Parse(output).RootElement.EnumerateArray(), t => t.GetProperty("name").GetString() == topic);
    }

    [Fact]
    public void CommandConfig_LineThatIsNotASetting_NamesFileAndLine()
    {
        File.WriteAllLines(properties, [$"bootstrap.servers={kafka.BootstrapServers}", "not a setting"]);

        var (exitCode, _, errors) = Cli.Run("topics", "list", "--command-config", properties);

        Assert.Equal(65, exitCode);
        Assert.Contains($"{properties}:2: expected key=value", errors);
    }

    public void Dispose() => File.Delete(properties);
}
