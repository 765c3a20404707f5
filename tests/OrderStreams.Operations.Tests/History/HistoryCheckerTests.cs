using Confluent.Kafka;
using OrderStreams.Operations.History;
using OrderStreams.Testing;
using OrderStreams.Testing.Brokers;

namespace OrderStreams.Operations.Tests.History;

[Collection(EmbeddedKafkaCollection.Name)]
public sealed class HistoryCheckerTests(TestBrokerFixture kafka)
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [EmbeddedBrokerFact("only the embedded broker drops a partition's start after about 5 MB")]
    public void Check_PartitionPastTheBrokersLimit_ReportsTheStartGoneAndTheFirstRetainedRecordsTime()
    {
        var topic = kafka.CreateTopic("history", partitions: 2);
        var low = LogOverflow.Fill(kafka.BootstrapServers, new TopicPartition(topic, 0), T0);
        LogOverflow.Fill(kafka.BootstrapServers, new TopicPartition(topic, 1), T0, records: 10);
        using var checker = new HistoryChecker([new("bootstrap.servers", kafka.BootstrapServers)]);

        var report = checker.Check([topic]);

        Assert.True(low > 0, "the broker kept the whole partition; the test needs its start dropped");
        var cut = report.Partitions.Single(p => p.Partition == 0);
        Assert.Equal((low, (long)LogOverflow.DefaultRecords, low), (cut.LogStart, cut.LogEnd, cut.RecordsGone));
        Assert.Equal(T0.AddSeconds(low), cut.FirstRetained);
        var whole = report.Partitions.Single(p => p.Partition == 1);
        Assert.True(whole.Complete);
        Assert.Equal(T0, whole.FirstRetained);
        Assert.False(report.Complete);
        Assert.Equal(T0.AddSeconds(low), report.CompleteFrom);
    }

    [Fact]
    public void Check_EmptyAndShortPartitions_AreComplete_AndRecordsWrittenLaterAreSeen()
    {
        var topic = kafka.CreateTopic("history-short", partitions: 2);
        using var checker = new HistoryChecker([new("bootstrap.servers", kafka.BootstrapServers)]);
        var empty = checker.Check([topic]);
        LogOverflow.Fill(kafka.BootstrapServers, new TopicPartition(topic, 1), T0, records: 3);

        var report = checker.Check([topic]);

        Assert.All(empty.Partitions, p => Assert.Null(p.FirstRetained));
        Assert.True(report.Complete);
        Assert.Null(report.CompleteFrom);
        Assert.Equal([null, T0], report.Partitions.OrderBy(p => p.Partition).Select(p => p.FirstRetained));
    }
}
