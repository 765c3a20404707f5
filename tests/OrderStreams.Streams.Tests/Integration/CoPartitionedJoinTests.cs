using OrderStreams.Streams.Serialization;

namespace OrderStreams.Streams.Tests.Integration;

/// <summary>
/// A stream-table join over co-partitioned topics: a task waits for a partition the broker has records of, and never
/// for one that is caught up — also when nothing was read of it since a restart.
/// </summary>
[Collection(EmbeddedKafkaCollection.Name)]
public sealed class CoPartitionedJoinTests(StreamsBrokerFixture kafka, Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private const int Partitions = 3;
    private static readonly List<string> Keys = Enumerable.Range(0, 6).Select(i => $"branch-{i}").ToList();
    private readonly string stateDir = Path.Combine(Path.GetTempPath(), "orderstreams-it", Guid.NewGuid().ToString("N"));
    private readonly string run = Guid.NewGuid().ToString("N")[..8];

    private string OrdersTopic => $"join-o-{run}";

    private string BranchesTopic => $"join-b-{run}";

    private string JoinedTopic => $"join-j-{run}";

    [Fact]
    public async Task Join_RestartedWhileTheTableIsQuiet_JoinsTheNewOrders()
    {
        foreach (var topic in new[] { OrdersTopic, BranchesTopic, JoinedTopic }) kafka.CreateTopic(topic, Partitions);
        kafka.Produce(BranchesTopic, Keys.Select(k => (k, Serdes.String.Serialize($"{k}-name", default))));
        using (var first = await StartAsync())
        {
            ProduceOrders("first");
            ReadJoined("first");
        }

        using var second = await StartAsync();
        ProduceOrders("second");

        Assert.Equal(Keys.Select(k => $"second@{k}-name").Order(), ReadJoined("second"));
    }

    public void Dispose()
    {
        if (Directory.Exists(stateDir)) Directory.Delete(stateDir, recursive: true);
    }

    private void ProduceOrders(string value) => kafka.Produce(OrdersTopic, Keys.Select(k => (k, Serdes.String.Serialize(value, default))));

    private List<string> ReadJoined(string prefix)
    {
        var records = kafka.ReadUntil(JoinedTopic, r => Values(r).Count(v => v.StartsWith(prefix, StringComparison.Ordinal)) == Keys.Count);
        return Values(records).Where(v => v.StartsWith(prefix, StringComparison.Ordinal)).Order().ToList();
    }

    private static IEnumerable<string> Values(IEnumerable<Confluent.Kafka.ConsumeResult<byte[], byte[]>> records) =>
        records.Select(r => Serdes.String.Deserialize(r.Message.Value, default)!).Distinct();

    private async Task<KafkaStreams> StartAsync()
    {
        var builder = new StreamsBuilder();
        var names = builder.Table(BranchesTopic, Consumed<string, string>.With(Serdes.String, Serdes.String));
        builder.Stream(OrdersTopic, Consumed<string, string>.With(Serdes.String, Serdes.String))
            .Join(names, (order, name) => $"{order}@{name}")
            .To(JoinedTopic, Produced<string, string>.With(Serdes.String, Serdes.String));
        var config = kafka.Config($"join-{run}", stateDir);
        config.LoggerFactory = new TestOutputLoggerFactory(output);
        var streams = new KafkaStreams(builder.Build(), config);
        await streams.StartAsync();
        return streams;
    }
}
