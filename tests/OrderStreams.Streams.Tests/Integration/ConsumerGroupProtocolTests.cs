using Confluent.Kafka;
using OrderStreams.Streams.Serialization;

namespace OrderStreams.Streams.Tests.Integration;

/// <summary>
/// KIP-848 consumer groups (<see cref="ConsumerGroupProtocol.Consumer"/>): the broker assigns, and a task is one partition number
/// across co-partitioned topics, so every member must get equal partition numbers of all of them.
/// </summary>
[Collection(EmbeddedKafkaCollection.Name)]
public sealed class ConsumerGroupProtocolTests(StreamsBrokerFixture kafka, Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private const int Partitions = 6;

    private readonly string stateDir = Path.Combine(Path.GetTempPath(), "orderstreams-it", Guid.NewGuid().ToString("N"));
    private readonly List<KafkaStreams> members = [];
    private readonly TestOutputLoggerFactory log = new(output);

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Members_BrokerSideAssignor_EachGetsTheSamePartitionNumbersOfEveryCoPartitionedTopic(int count)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        string[] topics = [$"kip848-orders-{run}", $"kip848-payments-{run}", $"kip848-branches-{run}"];
        foreach (var topic in topics.Append($"kip848-out-{run}")) kafka.CreateTopic(topic, Partitions);

        // Scale out one member at a time, each once the ones before share every task.
        List<List<TopicPartition>> assignments = [];
        for (var i = 0; i < count; i++)
        {
            members.Add(await StartMemberAsync($"kip848-{run}", i, topics, $"kip848-out-{run}"));
            assignments = await BalancedAsync();
        }

        foreach (var partitions in assignments)
        {
            var numbersPerTopic = topics.Select(t => partitions.Where(p => p.Topic == t).Select(p => p.Partition.Value).Order().ToList()).ToList();
            Assert.NotEmpty(numbersPerTopic[0]);
            Assert.All(numbersPerTopic, numbers => Assert.Equal(numbersPerTopic[0], numbers));
        }
        Assert.Equal(Partitions, assignments.Sum(a => a.Count(p => p.Topic == topics[0])));
        // KIP-848 moves only what changes owner: the first member never gives up all it had, as an eager rebalance would.
        var revocations = log.Messages.Where(m => m.Contains(" revoked ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(revocations);
        Assert.All(revocations, m => Assert.True(topics.Sum(t => m.Split(t).Length - 1) < topics.Length * Partitions, m));
    }

    [Fact]
    public async Task Members_ConsumerProtocol_ProcessEveryPartitionOfTheJoin()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var (orders, branches, joined) = ($"kip848-o-{run}", $"kip848-b-{run}", $"kip848-j-{run}");
        foreach (var topic in new[] { orders, branches, joined }) kafka.CreateTopic(topic, Partitions);
        var keys = Enumerable.Range(0, 30).Select(i => $"branch-{i}").ToList();
        kafka.Produce(branches, keys.Select(k => (k, Serdes.String.Serialize($"{k}-name", default))));

        for (var i = 0; i < 2; i++) members.Add(await StartJoinMemberAsync($"kip848-join-{run}", i, orders, branches, joined));
        await BalancedAsync();
        kafka.Produce(orders, keys.Select(k => (k, Serdes.String.Serialize("order", default))));
        var records = kafka.ReadUntil(joined, r => r.Select(x => Serdes.String.Deserialize(x.Message.Value, default)).Distinct().Count() == keys.Count);

        Assert.Equal(keys.Select(k => $"order@{k}-name").Order(), records.Select(r => Serdes.String.Deserialize(r.Message.Value, default)).Distinct().Order());
    }

    public void Dispose()
    {
        foreach (var member in members) member.Dispose();
        if (Directory.Exists(stateDir)) Directory.Delete(stateDir, recursive: true);
    }

    /// <summary>Waits until every member has tasks and together they own each task once; returns each member's partitions.</summary>
    private async Task<List<List<TopicPartition>>> BalancedAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var owned = members.Select(m => m.MetadataForLocalThreads().SelectMany(t => t.ActiveTasks).ToList()).ToList();
            var tasks = owned.SelectMany(o => o.Select(t => t.TaskId)).ToList();
            if (owned.All(o => o.Count > 0) && tasks.Count == tasks.Distinct().Count() && tasks.Distinct().Count() == Partitions)
                return owned.Select(o => o.SelectMany(t => t.TopicPartitions).ToList()).ToList();
            Assert.True(DateTime.UtcNow < deadline, $"The members did not share the {Partitions} tasks: {string.Join(" | ", owned.Select(o => string.Join(",", o.Select(t => t.TaskId))))}");
            Assert.All(members, m => Assert.NotEqual(KafkaStreamsState.Error, m.State));
            await Task.Delay(100);
        }
    }

    private Task<KafkaStreams> StartMemberAsync(string applicationId, int index, string[] topics, string outputTopic)
    {
        var builder = new StreamsBuilder();
        builder.Stream(topics, Consumed<string, string>.With(Serdes.String, Serdes.String)).To(outputTopic, Produced<string, string>.With(Serdes.String, Serdes.String));
        return StartAsync(builder.Build(), applicationId, index);
    }

    private Task<KafkaStreams> StartJoinMemberAsync(string applicationId, int index, string orders, string branches, string joined)
    {
        var builder = new StreamsBuilder();
        var names = builder.Table(branches, Consumed<string, string>.With(Serdes.String, Serdes.String));
        builder.Stream(orders, Consumed<string, string>.With(Serdes.String, Serdes.String))
            .Join(names, (order, name) => $"{order}@{name}")
            .To(joined, Produced<string, string>.With(Serdes.String, Serdes.String));
        return StartAsync(builder.Build(), applicationId, index);
    }

    private async Task<KafkaStreams> StartAsync(Topology topology, string applicationId, int index)
    {
        var config = kafka.Config(applicationId, Path.Combine(stateDir, $"member-{index}"), ConsumerGroupProtocol.Consumer);
        config.LoggerFactory = log;
        var streams = new KafkaStreams(topology, config);
        await streams.StartAsync();
        return streams;
    }
}
