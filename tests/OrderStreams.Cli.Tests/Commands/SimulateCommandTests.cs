using System.Text.RegularExpressions;
using Confluent.Kafka;
using OrderStreams.Kafka.Topics;
using OrderStreams.Testing;

namespace OrderStreams.Cli.Tests.Commands;

[Collection(EmbeddedKafkaCollection.Name)]
public sealed partial class SimulateCommandTests(TestBrokerFixture kafka)
{
    [Fact]
    public void Simulate_ForAFewSeconds_ProducesTheOrdersItReports()
    {
        foreach (var topic in TopicManifest.Load(RepositoryPaths.Of(TopicManifest.RelativePath)).Topics)
            kafka.Broker.CreateTopicNamed(topic.Name, topic.Partitions);
        var data = Directory.CreateTempSubdirectory("simulate-registry-").FullName;
        using var registry = ChildProcess.StartDotnet(RepositoryPaths.AssemblyOf("src/OrderStreams.Cli", "orderstreams"), ["registry", "--data-dir", data]);
        try
        {
            var url = registry.WaitForLine(l => l.StartsWith("schema.registry.url=", StringComparison.Ordinal), TimeSpan.FromSeconds(60)).Split('=', 2)[1];

            var (exitCode, output, errors) = Cli.Run(
                "simulate", "--duration", "6", "--orders-per-second", "40", "--bootstrap-servers", kafka.BootstrapServers, "--schema-registry-url", url);

            Assert.True(exitCode == 0, errors);
            var summary = Summary().Match(output);
            Assert.True(summary.Success, output);
            var orders = long.Parse(summary.Groups["orders"].Value);
            Assert.True(orders > 0, output);
            Assert.Equal("0", summary.Groups["rejected"].Value);
            Assert.True(EndOffsets("orders.placed") >= orders, $"orders.placed holds fewer records than the {orders} orders reported.");
        }
        finally
        {
            registry.Stop(TimeSpan.FromSeconds(30));
            Directory.Delete(data, recursive: true);
        }
    }

    private long EndOffsets(string topic)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(kafka.ConsumerConfig("simulate-check")).Build();
        return Enumerable.Range(0, 12).Sum(p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10)).High.Value);
    }

    [GeneratedRegex(@"orders=(?<orders>\d+) .*rejected_by_broker=(?<rejected>\d+)")]
    private static partial Regex Summary();
}
