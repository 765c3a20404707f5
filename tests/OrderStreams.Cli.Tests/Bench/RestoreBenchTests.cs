using OrderStreams.Bench;
using OrderStreams.Kafka.Clients;
using OrderStreams.Kafka.Topics;
using OrderStreams.Testing;
using OrderStreams.Testing.Brokers;

namespace OrderStreams.Cli.Tests.Bench;

[Collection(EmbeddedKafkaCollection.Name)]
public sealed class RestoreBenchTests(TestBrokerFixture kafka) : IDisposable
{
    private readonly DirectoryInfo stateDirectory = Directory.CreateTempSubdirectory("orderstreams-restore-bench-");

    public void Dispose() => stateDirectory.Delete(recursive: true);

    [EmbeddedBrokerFact("the bench runs on the embedded cluster")]
    public async Task MeasureAsync_SmallChangelog_CeilingAndRestoreReadEveryRecord()
    {
        var producerSettings = new Dictionary<string, string>();
        var consumerSettings = new Dictionary<string, string> { ["fetch.wait.max.ms"] = "10" };
        using var topicAdmin = TopicAdmin.Create(new KafkaClientFactory(KafkaClientSettings.For(kafka.BootstrapServers)), kafka.Control.Url);
        var environment = new BenchEnvironment(kafka.BootstrapServers, producerSettings, consumerSettings, stateDirectory.FullName)
        {
            TopicAdmin = topicAdmin,
        };
        var bench = new RestoreBench(kafka.Cluster, environment, new Progress<string>());

        var result = await bench.MeasureAsync(records: 300, valueBytes: 200, TimeSpan.FromMinutes(2), CancellationToken.None);

        Assert.Equal(300, result.CeilingRecords);
        Assert.Equal(300, result.Records);
        Assert.Equal(300 / result.CeilingSeconds, result.CeilingRecordsPerSecond);
        Assert.Equal(300 / result.Seconds, result.RecordsPerSecond);
        Assert.Equal(result.RecordsPerSecond / result.CeilingRecordsPerSecond, result.CeilingRatio);
    }
}
