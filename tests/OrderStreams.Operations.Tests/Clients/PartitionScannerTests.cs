using Confluent.Kafka;
using OrderStreams.Operations.Clients;
using OrderStreams.Testing;

namespace OrderStreams.Operations.Tests.Clients;

[Collection(EmbeddedKafkaCollection.Name)]
public sealed class PartitionScannerTests(TestBrokerFixture kafka)
{
    [Fact]
    public void Scan_StopsAtTheWatermarksCapturedBeforeIt()
    {
        var topic = kafka.CreateTopic("scan", partitions: 3);
        Produce(topic, 30, "before");
        using var cluster = new ClusterConnection([new("bootstrap.servers", kafka.BootstrapServers)]);
        var scanner = new PartitionScanner(cluster, parallelism: 2);
        var ranges = scanner.WholePartitions(cluster.PartitionsOf([topic]));
        Produce(topic, 9, "after");

        var kept = scanner.Scan(ranges, r => r.Message.Value[0] == (byte)'b');

        Assert.Equal(30, kept.Count);
        Assert.Equal(30, kept.Select(r => r.TopicPartitionOffset).Distinct().Count());
    }

    [Fact]
    public void Scan_KeepsOnlyWhatThePredicateSelects_FromTheGivenOffsets()
    {
        var topic = kafka.CreateTopic("scan-from", partitions: 1);
        Produce(topic, 10, "x");
        using var cluster = new ClusterConnection([new("bootstrap.servers", kafka.BootstrapServers)]);

        var kept = new PartitionScanner(cluster).Scan(new Dictionary<TopicPartition, (long, long)> { [new(topic, 0)] = (4, 10) }, r => r.Offset.Value % 2 == 0);

        Assert.Equal([4L, 6L, 8L], kept.Select(r => r.Offset.Value).Order());
    }

    private void Produce(string topic, int count, string value)
    {
        using var producer = new ProducerBuilder<string, string>(kafka.ProducerConfig()).Build();
        for (var i = 0; i < count; i++) producer.Produce(topic, new Message<string, string> { Key = $"k{i}", Value = value });
        producer.Flush();
    }
}
