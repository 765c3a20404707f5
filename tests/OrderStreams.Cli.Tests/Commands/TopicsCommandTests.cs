using System.Text.Json;
using Confluent.Kafka;
using OrderStreams.Testing;
using OrderStreams.Testing.Brokers;

namespace OrderStreams.Cli.Tests.Commands;

[Collection(EmbeddedKafkaCollection.Name)]
public sealed class TopicsCommandTests(TestBrokerFixture kafka) : IDisposable
{
    private readonly string manifest = Path.Combine(Path.GetTempPath(), $"topics-{Guid.NewGuid():N}.yaml");

    [EmbeddedBrokerFact("runs the CLI with the embedded broker's control endpoint")]
    public void Apply_CreatesWhatIsMissing_ThenFindsTheClusterInSync()
    {
        var topic = TestBrokerFixture.UniqueName("cli-apply");
        WriteManifest((topic, 4));

        var dryRun = Topics("apply", "--dry-run");
        Assert.False(kafka.Cluster.Topics.ContainsKey(topic));
        var first = Topics("apply");
        var second = Topics("apply");

        Assert.Equal(3, dryRun.ExitCode);
        Assert.Contains("1 to create (dry run: nothing changed)", dryRun.Output);
        Assert.Contains("Retention cannot be read from this cluster", second.Output);
        Assert.True(first.ExitCode == 0, first.Errors);
        Assert.Contains("1 created", first.Output);
        Assert.Equal(4, kafka.Cluster.Topics[topic]);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("0 created, 0 differ from the manifest (left unchanged), 1 match", second.Output);
    }

    [EmbeddedBrokerFact("runs the CLI with the embedded broker's control endpoint")]
    public void Apply_TopicWithOtherPartitionCount_ExitsTwoAndLeavesIt()
    {
        var existing = kafka.CreateTopic("cli-drift", partitions: 2);
        var missing = TestBrokerFixture.UniqueName("cli-new");
        WriteManifest((existing, 6), (missing, 1));

        var (exitCode, output, _) = Topics("apply");

        Assert.Equal(2, exitCode);
        Assert.Contains("partitions: cluster 2, manifest 6", output);
        Assert.Equal(2, kafka.Cluster.Topics[existing]);
        Assert.Equal(1, kafka.Cluster.Topics[missing]);
    }

    [EmbeddedBrokerFact("runs the CLI with the embedded broker's control endpoint")]
    public void Apply_ReplicationFactorOption_CreatesWithItAndRefusesLessThanOne()
    {
        var topic = TestBrokerFixture.UniqueName("cli-replicas");
        WriteManifest((topic, 2));

        var invalid = Topics("apply", "--replication-factor", "0");
        var created = Topics("apply", "--replication-factor", "1");

        Assert.NotEqual(0, invalid.ExitCode);
        Assert.Contains("--replication-factor must be at least 1", invalid.Errors);
        Assert.True(created.ExitCode == 0, created.Errors);
        Assert.Contains("2 partitions, replication 1", created.Output);
        Assert.Equal(2, kafka.Cluster.Topics[topic]);
    }

    [EmbeddedBrokerFact("runs the CLI with the embedded broker's control endpoint")]
    public void DescribeJson_ReportsPartitionsLeadersAndWatermarks()
    {
        var topic = kafka.CreateTopic("cli-describe", partitions: 2);
        WriteManifest((topic, 2));
        using (var producer = new ProducerBuilder<Null, string>(kafka.ProducerConfig()).Build())
        {
            for (var i = 0; i < 3; i++) producer.Produce(new TopicPartition(topic, 1), new Message<Null, string> { Value = "x" });
            producer.Flush();
        }

        var (exitCode, output, errors) = Topics("describe", topic, "--json");

        Assert.True(exitCode == 0, errors);
        var report = Assert.Single(JsonDocument.Parse(output).RootElement.EnumerateArray());
        Assert.Equal("matches (configs not checked)", report.GetProperty("manifest").GetString());
        var partitions = report.GetProperty("partitions").EnumerateArray().ToList();
        Assert.Equal([0L, 3L], partitions.Select(p => p.GetProperty("highWatermark").GetInt64()));
        Assert.All(partitions, p => Assert.True(p.GetProperty("leader").GetInt32() >= 1));
        Assert.Contains("no topic configs", report.GetProperty("configsUnavailable").GetString());
    }

    [EmbeddedBrokerFact("runs the CLI with the embedded broker's control endpoint")]
    public void ListJson_MarksMissingAndUnmanagedTopics()
    {
        var unmanaged = kafka.CreateTopic("cli-unmanaged", partitions: 1);
        var missing = TestBrokerFixture.UniqueName("cli-missing");
        WriteManifest((missing, 1));

        var (exitCode, output, errors) = Topics("list", "--json");

        Assert.True(exitCode == 0, errors);
        var rows = JsonDocument.Parse(output).RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("manifest").GetString());
        Assert.Equal("missing", rows[missing]);
        Assert.Equal("not in manifest", rows[unmanaged]);
    }

    public void Dispose() => File.Delete(manifest);

    private (int ExitCode, string Output, string Errors) Topics(params string[] args) =>
        Cli.Run(["topics", .. args, "--manifest", manifest, "--bootstrap-servers", kafka.BootstrapServers, "--embedded-admin-url", kafka.Control.Url.ToString()]);

    private void WriteManifest(params (string Name, int Partitions)[] topics) =>
        File.WriteAllLines(manifest, ["topics:", .. topics.Select(t => $"  - {{ name: {t.Name}, partitions: {t.Partitions} }}")]);
}
