using System.Text;
using Confluent.Kafka;
using OrderStreams.Streams.Internals.Engine;

namespace OrderStreams.Streams.Tests.Integration;

[Collection(EmbeddedKafkaCollection.Name)]
public sealed class ChangelogReaderTests(StreamsBrokerFixture kafka)
{
    [Fact]
    public void Read_HandsRecordsAndTombstonesInOrder_ThenTheEndOfThePartition()
    {
        var topic = Changelog(("a", "1"), ("b", null), ("a", "2"));
        using var reader = Reader();
        reader.Assign([new TopicPartitionOffset(topic, 0, 0)]);

        var sink = ReadToEnd(reader);

        Assert.Equal(["0 a=1", "1 b tombstone", "2 a=2"], sink.Records);
        Assert.Equal(["end at 3"], sink.Ends);
    }

    [Fact]
    public void Assign_AtAnOffset_StartsThere()
    {
        var topic = Changelog(("a", "1"), ("b", "2"), ("c", "3"));
        using var reader = Reader();
        reader.Assign([new TopicPartitionOffset(topic, 0, 2)]);

        Assert.Equal(["2 c=3"], ReadToEnd(reader).Records);
    }

    [Fact]
    public void Read_HandsAtMostTheAskedNumberOfMessages()
    {
        var topic = Changelog(("a", "1"), ("b", "2"), ("c", "3"));
        using var reader = Reader();
        reader.Assign([new TopicPartitionOffset(topic, 0, 0)]);
        var sink = new RecordingSink();

        var handed = 0;
        for (var attempt = 0; handed == 0 && attempt < 50; attempt++) handed = reader.Read(TimeSpan.FromMilliseconds(200), 1, sink);

        Assert.Equal(1, handed);
        Assert.Equal(["0 a=1"], sink.Records);
    }

    [Fact]
    public void QueryWatermarkOffsets_GivesTheFirstAndNextOffsets()
    {
        var topic = Changelog(("a", "1"), ("b", "2"));
        using var reader = Reader();

        var watermarks = reader.QueryWatermarkOffsets(new TopicPartition(topic, 0), TimeSpan.FromSeconds(10));

        Assert.Equal((0L, 2L), (watermarks.Low.Value, watermarks.High.Value));
    }

    [Fact]
    public void Constructor_UnknownSetting_NamesIt()
    {
        var error = Assert.Throws<ArgumentException>(() => new ChangelogReader([new("no.such.setting", "1")]));

        Assert.Contains("no.such.setting", error.Message);
    }

    private ChangelogReader Reader() => new(new Dictionary<string, string>
    {
        ["bootstrap.servers"] = kafka.BootstrapServers,
        ["group.id"] = $"restore-{Guid.NewGuid():N}",
        ["enable.partition.eof"] = "true",
        ["enable.auto.commit"] = "false",
    });

    private string Changelog(params (string Key, string? Value)[] records)
    {
        var topic = $"changelog-{Guid.NewGuid():N}";
        kafka.CreateTopic(topic, 1);
        using var producer = new ProducerBuilder<string, string?>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers }).Build();
        foreach (var (key, value) in records) producer.Produce(topic, new Message<string, string?> { Key = key, Value = value });
        producer.Flush(TimeSpan.FromSeconds(30));
        return topic;
    }

    private static RecordingSink ReadToEnd(ChangelogReader reader)
    {
        var sink = new RecordingSink();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (sink.Ends.Count == 0 && DateTime.UtcNow < deadline) reader.Read(TimeSpan.FromMilliseconds(200), 100, sink);
        return sink;
    }

    private sealed class RecordingSink : IChangelogSink
    {
        public List<string> Records { get; } = [];

        public List<string> Ends { get; } = [];

        public void Record(string topic, int partition, long offset, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, bool tombstone) =>
            Records.Add(tombstone ? $"{offset} {Encoding.UTF8.GetString(key)} tombstone" : $"{offset} {Encoding.UTF8.GetString(key)}={Encoding.UTF8.GetString(value)}");

        public void EndOfPartition(string topic, int partition, long offset) => Ends.Add($"end at {offset}");
    }
}
