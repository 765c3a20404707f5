using System.Collections.Concurrent;
using System.Text;
using Confluent.Kafka;
using OrderStreams.Streams.Processor;
using OrderStreams.Streams.Serialization;
using OrderStreams.Testing.Brokers;

namespace OrderStreams.Streams.Tests.Integration;

/// <summary>
/// <see cref="IProcessorContext{KOut,VOut}.CaughtUpSince"/> against a real consumer: set once the task read its input
/// to the end the broker reported, null again while the brokers do not answer.
/// </summary>
[Collection(EmbeddedKafkaCollection.Name)]
public sealed class CaughtUpIntegrationTests(StreamsBrokerFixture kafka, Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private readonly string stateDir = Path.Combine(Path.GetTempPath(), "orderstreams-it", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(stateDir)) Directory.Delete(stateDir, recursive: true);
    }

    /// <summary>Notes, on a frequent wall-clock punctuation, the records processed so far and whether the task is caught up.</summary>
    private sealed class Observer(ConcurrentQueue<(int Processed, long? CaughtUpSince)> seen) : IProcessor<string, string, string, string>
    {
        private IProcessorContext<string, string> context = null!;
        private int processed;

        public void Init(IProcessorContext<string, string> processorContext)
        {
            context = processorContext;
            context.Schedule(
                TimeSpan.FromMilliseconds(100), PunctuationType.WallClockTime, _ => seen.Enqueue((processed, context.CaughtUpSince)));
        }

        public void Process(Record<string, string> record) => processed++;
    }

    [EmbeddedBrokerFact("stops an embedded broker")]
    public async Task CaughtUpSince_InputReadThenItsLeaderDown_SetOnlyAfterTheLastRecordAndNullWhileDown()
    {
        var input = $"caught-up-{Guid.NewGuid():N}";
        kafka.CreateTopic(input, 1);
        kafka.Produce(input, Enumerable.Range(0, 50).Select(i => ($"k{i}", Encoding.UTF8.GetBytes($"v{i}"))));
        var seen = new ConcurrentQueue<(int Processed, long? CaughtUpSince)>();
        var builder = new StreamsBuilder();
        builder.Stream(input, Consumed<string, string>.With(Serdes.String, Serdes.String)).Process(() => new Observer(seen));
        var config = kafka.Config($"caught-up-{Guid.NewGuid():N}", stateDir);
        config.ConsumerSettings["fetch.wait.max.ms"] = "100";
        config.LoggerFactory = new TestOutputLoggerFactory(output);
        // The partition's leader goes down, the group's coordinator stays up: fetches fail, commits do not.
        var leader = LeaderOf(input);
        kafka.Broker.Embedded.SetCoordinator("group", config.ApplicationId, leader % kafka.Broker.Embedded.BrokerCount + 1);

        using var streams = new KafkaStreams(builder.Build(), config);
        await streams.StartAsync();
        await WaitUntil(() => seen.Any(s => s.CaughtUpSince is not null), TimeSpan.FromSeconds(60));
        kafka.Broker.Embedded.SetBrokerDown(leader);
        try
        {
            var downAt = seen.Count;
            await WaitUntil(() => seen.Skip(downAt).Any(s => s.CaughtUpSince is null), TimeSpan.FromSeconds(10));
        }
        finally
        {
            kafka.Broker.Embedded.SetBrokerUp(leader);
        }
        var upAt = seen.Count;
        await WaitUntil(() => seen.Skip(upAt).Any(s => s.CaughtUpSince is not null), TimeSpan.FromSeconds(60));

        Assert.All(seen.Where(s => s.CaughtUpSince is not null), s => Assert.Equal(50, s.Processed));
    }

    private int LeaderOf(string topic)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig(kafka.Broker.ClientSettings.ToDictionary())).Build();
        return admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions.Single().Leader;
    }

    private static async Task WaitUntil(Func<bool> condition, TimeSpan timeout, Func<string>? state = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not within {timeout}; {state?.Invoke()}");
            await Task.Delay(50);
        }
    }
}
