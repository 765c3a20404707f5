using Confluent.Kafka;
using OrderStreams.Streams.Serialization;
using OrderStreams.Streams.State;

namespace OrderStreams.Streams.Tests.Integration;

[Collection(EmbeddedKafkaCollection.Name)]
public sealed class RepartitionPurgeTests(StreamsBrokerFixture kafka, Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private readonly string stateDir = Path.Combine(Path.GetTempPath(), "orderstreams-it", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(stateDir)) Directory.Delete(stateDir, recursive: true);
    }

    [Fact]
    public async Task Commit_PastRepartitionRecords_DeletesThemUpToTheCommittedOffsets()
    {
        var input = $"words-{Guid.NewGuid():N}";
        kafka.CreateTopic(input, 2);
        kafka.Produce(input, Enumerable.Range(0, 40).Select(i => ($"k{i}", System.Text.Encoding.UTF8.GetBytes($"word{i % 4}"))));
        var config = kafka.Config($"purge-{Guid.NewGuid():N}", stateDir);
        config.RepartitionPurgeInterval = TimeSpan.Zero;
        config.LoggerFactory = new TestOutputLoggerFactory(output);
        var builder = new StreamsBuilder();
        builder.Stream(input, Consumed<string, string>.With(Serdes.String, Serdes.String))
            .GroupBy((_, word) => word, Grouped<string, string>.With(Serdes.String, Serdes.String, "words"))
            .Count(Materialized<string, long>.As("counts"));
        var repartition = new[] { 0, 1 }.Select(p => new TopicPartition($"{config.ApplicationId}-words-repartition", p)).ToList();

        using var streams = new KafkaStreams(builder.Build(), config);
        await streams.StartAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!AllCounted(streams) && DateTime.UtcNow < deadline) await Task.Delay(100);
        var (low, committed) = (new List<long>(), new List<long>());
        while (DateTime.UtcNow < deadline)
        {
            (low, committed) = (LowWatermarks(repartition), Committed(config.ApplicationId, repartition));
            if (low.SequenceEqual(committed) && committed.Sum() == 40) break;
            await Task.Delay(200);
        }

        Assert.True(AllCounted(streams), "not every word was counted");
        Assert.Equal(40, committed.Sum());
        Assert.Equal(committed, low);
    }

    private static bool AllCounted(KafkaStreams streams)
    {
        try
        {
            var counts = streams.Store<IReadOnlyKeyValueStore<string, long>>("counts");
            return Enumerable.Range(0, 4).Sum(w => counts.Get($"word{w}")) == 40;
        }
        catch (InvalidStateStoreException)
        {
            return false;
        }
    }

    private List<long> LowWatermarks(IEnumerable<TopicPartition> partitions)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = kafka.BootstrapServers, GroupId = $"marks-{Guid.NewGuid():N}" }).Build();
        return partitions.Select(p => consumer.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10)).Low.Value).ToList();
    }

    private List<long> Committed(string group, IReadOnlyList<TopicPartition> partitions)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = kafka.BootstrapServers, GroupId = group }).Build();
        return consumer.Committed(partitions, TimeSpan.FromSeconds(10)).OrderBy(o => o.Partition.Value).Select(o => Math.Max(0, o.Offset.Value)).ToList();
    }
}
