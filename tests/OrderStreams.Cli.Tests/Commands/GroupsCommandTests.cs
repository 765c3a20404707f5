using System.Text.Json;
using Confluent.Kafka;
using OrderStreams.Testing;

namespace OrderStreams.Cli.Tests.Commands;

[Collection(EmbeddedKafkaCollection.Name)]
public sealed class GroupsCommandTests(TestBrokerFixture kafka)
{
    [Fact]
    public void LagJson_ReportsEveryPartitionAndTheGroupTotals()
    {
        var (topic, group) = GroupBehindBy(committed: 4, produced: 10);

        var (exitCode, output, errors) = Cli.Run("groups", "lag", "--group", group, "--json", "--bootstrap-servers", kafka.BootstrapServers);

        Assert.True(exitCode == 0, errors);
        var report = Assert.Single(JsonDocument.Parse(output).RootElement.EnumerateArray());
        Assert.Equal(group, report.GetProperty("group").GetString());
        Assert.Equal(6, report.GetProperty("totalLag").GetInt64());
        Assert.InRange(report.GetProperty("maxLagSeconds").GetDouble(), 50, 3600);
        var partition = Assert.Single(report.GetProperty("partitions").EnumerateArray());
        Assert.Equal((topic, 4L, 10L, 6L), (partition.GetProperty("topic").GetString(), partition.GetProperty("committedOffset").GetInt64(),
            partition.GetProperty("endOffset").GetInt64(), partition.GetProperty("lag").GetInt64()));
        Assert.Equal("OK", partition.GetProperty("status").GetString());
    }

    [Fact]
    public void LagWatchJson_GroupThatDoesNotMove_TurnsToStallThenStopsCleanly()
    {
        var (_, group) = GroupBehindBy(committed: 4, produced: 10);
        using var watch = ChildProcess.StartDotnet(
            RepositoryPaths.AssemblyOf("src/OrderStreams.Cli", "orderstreams"), ["groups", "lag", "--group", group, "--watch", "--json", "--bootstrap-servers", kafka.BootstrapServers]);

        var statuses = new List<string>();
        watch.WaitForLine(line =>
        {
            var report = JsonDocument.Parse(line).RootElement[0];
            statuses.Add($"{report.GetProperty("status").GetString()}/{report.GetProperty("partitions")[0].GetProperty("status").GetString()}");
            return statuses[^1] != "OK/OK";
        }, TimeSpan.FromSeconds(60));

        Assert.Equal("ERROR/STALL", statuses[^1]);
        Assert.Equal(0, watch.Stop(TimeSpan.FromSeconds(30)));
    }

    private (string Topic, string Group) GroupBehindBy(long committed, int produced)
    {
        var topic = kafka.CreateTopic("cli-lag", partitions: 1);
        var group = TestBrokerFixture.UniqueName("cli-lag-group");
        using (var producer = new ProducerBuilder<Null, string>(kafka.ProducerConfig()).Build())
        {
            var start = DateTimeOffset.UtcNow.AddMinutes(-2);
            for (var i = 0; i < produced; i++)
                producer.Produce(topic, new Message<Null, string> { Value = $"{i}", Timestamp = new Timestamp(start.AddSeconds(i)) });
            producer.Flush();
        }
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(kafka.ConsumerConfig(group)).Build();
        consumer.Commit([new TopicPartitionOffset(topic, 0, committed)]);
        return (topic, group);
    }
}
