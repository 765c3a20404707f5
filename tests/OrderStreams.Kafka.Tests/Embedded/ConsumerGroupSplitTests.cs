using System.Collections.Concurrent;
using Confluent.Kafka;
using OrderStreams.Testing;

namespace OrderStreams.Kafka.Tests.Embedded;

/// <summary>Two group members in separate processes on the embedded cluster, as the services will run.</summary>
[Collection(EmbeddedKafkaCollection.Name)]
public sealed class ConsumerGroupSplitTests(TestBrokerFixture kafka)
{
    private const int Partitions = 12;
    private const int RecordsPerPhase = 50_000;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task TwoMembers_SplitTwelvePartitions_AndTheSurvivorTakesAllWhenOneLeaves()
    {
        var topic = kafka.CreateTopic("split", Partitions);
        var group = TestBrokerFixture.UniqueName("split-group");
        using var first = new Member(StartMember(topic, group));
        first.WaitForAssignment(a => a.Count == Partitions);
        using var second = new Member(StartMember(topic, group));
        second.WaitForAssignment(a => a.Count > 0);
        first.WaitForAssignment(a => a.Count < Partitions);

        var produced = await ProduceAsync(topic, 0);
        WaitUntil(() => first.Consumed.Count + second.Consumed.Count >= RecordsPerPhase, "all of phase 1 consumed");
        Assert.Equal(Partitions, first.Assignment.Count + second.Assignment.Count);
        Assert.Empty(first.Assignment.Intersect(second.Assignment));

        Assert.Equal(0, second.Process.Stop(Patience));
        second.Drain();
        first.WaitForAssignment(a => a.Count == Partitions);
        produced.AddRange(await ProduceAsync(topic, RecordsPerPhase));
        WaitUntil(() => first.Consumed.Count + second.Consumed.Count >= 2 * RecordsPerPhase, "all of phase 2 consumed");

        var consumed = first.Consumed.Concat(second.Consumed).ToList();
        Assert.Equal(produced.Order(), consumed.Distinct().Order());
        Assert.Equal(consumed.Count, consumed.Distinct().Count());
    }

    private ChildProcess StartMember(string topic, string group) => ChildProcess.StartDotnet(
        RepositoryPaths.AssemblyOf("tests/OrderStreams.Kafka.TestConsumer", "OrderStreams.Kafka.TestConsumer"),
        [kafka.BootstrapServers, group, topic]);

    private async Task<List<(int, long)>> ProduceAsync(string topic, int start)
    {
        var delivered = new ConcurrentBag<(int, long)>();
        using var producer = new ProducerBuilder<string, string>(kafka.ProducerConfig()).Build();
        for (var i = start; i < start + RecordsPerPhase; i++)
        {
            producer.Produce(topic, new Message<string, string> { Key = $"order-{i}", Value = "x" }, report =>
            {
                Assert.False(report.Error.IsError, report.Error.Reason);
                delivered.Add((report.Partition.Value, report.Offset.Value));
            });
        }
        producer.Flush();
        await Task.Yield();
        return [.. delivered];
    }

    private static void WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Not reached within {Patience}: {what}.");
            Thread.Sleep(50);
        }
    }

    /// <summary>Follows a member's stdout on a background thread: its current assignment and every record it saw.</summary>
    private sealed class Member : IDisposable
    {
        private readonly Thread reader;
        private volatile int[] assignment = [];

        public Member(ChildProcess process)
        {
            Process = process;
            reader = new Thread(Follow) { IsBackground = true };
            reader.Start();
        }

        public ChildProcess Process { get; }

        public ConcurrentQueue<(int, long)> Consumed { get; } = new();

        public IReadOnlyList<int> Assignment => assignment;

        public void WaitForAssignment(Func<IReadOnlyList<int>, bool> condition) =>
            WaitUntil(() => condition(assignment), $"assignment condition of member {Process.Id}; it has [{string.Join(',', assignment)}]. {Process.Errors}");

        public void Drain() => reader.Join(Patience);

        public void Dispose() => Process.Dispose();

        private void Follow()
        {
            while (Process.ReadLine(TimeSpan.FromMinutes(5)) is { } line)
            {
                var parts = line.Split(' ');
                switch (parts[0])
                {
                    case "record":
                        Consumed.Enqueue((int.Parse(parts[1]), long.Parse(parts[2])));
                        break;
                    case "assigned":
                        assignment = parts.Length > 1 && parts[1].Length > 0 ? parts[1].Split(',').Select(int.Parse).ToArray() : [];
                        break;
                }
            }
        }
    }
}
