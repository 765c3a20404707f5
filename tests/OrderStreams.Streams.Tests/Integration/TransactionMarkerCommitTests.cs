using Confluent.Kafka;
using OrderStreams.Streams.Serialization;

namespace OrderStreams.Streams.Tests.Integration;

/// <summary>An input written by a transactional producer ends in a commit marker, an offset no record is handed for.</summary>
[Collection(EmbeddedKafkaCollection.Name)]
public sealed class TransactionMarkerCommitTests(StreamsBrokerFixture kafka, Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private readonly string stateDir = Path.Combine(Path.GetTempPath(), "orderstreams-it", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(stateDir)) Directory.Delete(stateDir, recursive: true);
    }

    [Fact]
    public async Task Commit_InputEndsWithATransactionMarker_CommitsPastTheMarker()
    {
        var (input, copies) = ($"txn-in-{Guid.NewGuid():N}", $"txn-out-{Guid.NewGuid():N}");
        kafka.CreateTopic(input, 1);
        kafka.CreateTopic(copies, 1);
        ProduceInOneTransaction(input, ["a", "b"]);
        var end = HighWatermark(input);
        var builder = new StreamsBuilder();
        builder.Stream(input, Consumed<string, string>.With(Serdes.String, Serdes.String))
            .To(copies, Produced<string, string>.With(Serdes.String, Serdes.String));
        var config = kafka.Config($"txn-{Guid.NewGuid():N}", stateDir);
        config.LoggerFactory = new TestOutputLoggerFactory(output);
        using var streams = new KafkaStreams(builder.Build(), config);
        await streams.StartAsync();
        kafka.ReadUntil(copies, records => records.Count == 2);

        var committed = await CommittedAsync(config.ApplicationId, input, TimeSpan.FromSeconds(30), offset => offset == end);

        Assert.Equal(3, end);
        Assert.Equal(end, committed);
    }

    [Fact]
    public async Task Join_TableEndsWithATransactionMarker_OrdersAreJoinedWithoutWaitingForARecordAtTheMarker()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var (orders, branches, joined) = ($"txn-o-{run}", $"txn-b-{run}", $"txn-j-{run}");
        foreach (var topic in new[] { orders, branches, joined }) kafka.CreateTopic(topic, 1);
        ProduceInOneTransaction(branches, ["Soho", "Soho (renamed)"]);
        kafka.Produce(orders, [("k", Serdes.String.Serialize("order", default))]);
        var builder = new StreamsBuilder();
        var names = builder.Table(branches, Consumed<string, string>.With(Serdes.String, Serdes.String));
        builder.Stream(orders, Consumed<string, string>.With(Serdes.String, Serdes.String))
            .Join(names, (order, name) => $"{order}@{name}")
            .To(joined, Produced<string, string>.With(Serdes.String, Serdes.String));
        var config = kafka.Config($"txn-join-{run}", stateDir);
        config.LoggerFactory = new TestOutputLoggerFactory(output);
        using var streams = new KafkaStreams(builder.Build(), config);
        await streams.StartAsync();

        var records = kafka.ReadUntil(joined, r => r.Count == 1, TimeSpan.FromSeconds(30));

        Assert.Equal("order@Soho (renamed)", Serdes.String.Deserialize(Assert.Single(records).Message.Value, default));
    }

    private void ProduceInOneTransaction(string topic, string[] values)
    {
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            TransactionalId = $"txn-{Guid.NewGuid():N}",
        }).Build();
        producer.InitTransactions(TimeSpan.FromSeconds(30));
        producer.BeginTransaction();
        foreach (var value in values) producer.Produce(topic, new Message<string, string> { Key = "k", Value = value });
        producer.CommitTransaction(TimeSpan.FromSeconds(30));
    }

    private long HighWatermark(string topic)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = kafka.BootstrapServers, GroupId = "watermarks" }).Build();
        return consumer.QueryWatermarkOffsets(new TopicPartition(topic, 0), TimeSpan.FromSeconds(10)).High.Value;
    }

    private async Task<long> CommittedAsync(string group, string topic, TimeSpan timeout, Func<long, bool> until)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = kafka.BootstrapServers, GroupId = group }).Build();
        var deadline = DateTime.UtcNow + timeout;
        long offset;
        do
        {
            offset = consumer.Committed([new TopicPartition(topic, 0)], TimeSpan.FromSeconds(10)).Single().Offset.Value;
            if (until(offset)) return offset;
            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);
        return offset;
    }
}
