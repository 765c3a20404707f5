using System.Text;
using Confluent.Kafka;
using OrderStreams.Kafka.Clients;
using OrderStreams.Operations.Clients;
using OrderStreams.Operations.DeadLetters;
using OrderStreams.Testing;

namespace OrderStreams.Operations.Tests.DeadLetters;

[Collection(EmbeddedKafkaCollection.Name)]
public sealed class DeadLetterRedriverTests(TestBrokerFixture kafka) : IDisposable
{
    private readonly ClusterConnection cluster = new([new("bootstrap.servers", kafka.BootstrapServers)]);
    private readonly string service = TestBrokerFixture.UniqueName("svc");
    private readonly string source = TestBrokerFixture.UniqueName("source");

    [Fact]
    public async Task Execute_RedrivesEachDeadLetterOnceToItsSourcePartition()
    {
        var queue = Queue();
        await DeadLetterAsync(0, sourcePartition: 2, "a");
        await DeadLetterAsync(0, sourcePartition: 1, "b");
        await DeadLetterAsync(1, sourcePartition: 2, "c");
        var redriver = new DeadLetterRedriver(cluster, queue);

        var produced = redriver.Execute(redriver.Plan(queue.ReadAll()));
        var again = redriver.Plan(queue.ReadAll());

        Assert.Equal(3, produced);
        Assert.Empty(again.Steps);
        Assert.All(queue.ReadAll(), d => Assert.True(d.Redriven));
        var redriven = ReadSource();
        Assert.Equal([(1, "b"), (2, "a"), (2, "c")], redriven.Select(r => (r.Partition.Value, r.Message.Value)).Order());
        var first = redriven.Single(r => r.Message.Value == "a");
        Assert.Equal($"{queue.Topic}/0/0", Encoding.UTF8.GetString(first.Message.Headers.GetLastBytes(RedriveMarker.Header)));
        Assert.Equal("kept", Encoding.UTF8.GetString(first.Message.Headers.GetLastBytes("trace-id")));
        Assert.DoesNotContain(first.Message.Headers, h => DeadLetterHeaders.IsErrorHeader(h.Key));
        Assert.Equal(new Dictionary<int, long> { [0] = 2, [1] = 1 }, queue.RedrivenBefore(queue.Partitions()));
    }

    [Fact]
    public async Task Plan_ChosenDeadLetterAfterPendingOnes_RefusesUnlessTheyAreSkipped()
    {
        var queue = Queue();
        await DeadLetterAsync(0, sourcePartition: 0, "give up");
        await DeadLetterAsync(0, sourcePartition: 0, "fixed");
        var redriver = new DeadLetterRedriver(cluster, queue);

        var refused = Assert.Throws<InvalidDataException>(() => redriver.Plan(queue.ReadAll(), [(0, 1)]));
        var plan = redriver.Plan(queue.ReadAll(), [(0, 1)], skipEarlier: true);
        var produced = redriver.Execute(plan);

        Assert.Contains("0:0 come before 0:1", refused.Message);
        Assert.Equal([RedriveAction.Skip, RedriveAction.Original], plan.Steps.Select(s => s.Action));
        Assert.Equal(1, produced);
        Assert.Equal(["fixed"], ReadSource().Select(r => r.Message.Value));
        Assert.Empty(redriver.Plan(queue.ReadAll(), [(0, 1)]).Steps);
        Assert.Single(redriver.Plan(queue.ReadAll(), [(0, 1)]).AlreadyRedriven);
    }

    [Fact]
    public async Task Execute_Correction_ProducesTheCorrectedKeyAndValueWhereTheKeyBelongs()
    {
        var queue = Queue();
        await DeadLetterAsync(1, sourcePartition: 0, "broken");
        var redriver = new DeadLetterRedriver(cluster, queue);

        redriver.Execute(redriver.Plan(queue.ReadAll(), correction: new RedriveCorrection(1, 0, "mended"u8.ToArray(), "branch-09"u8.ToArray(), TargetPartition: 2)));

        var record = Assert.Single(ReadSource());
        Assert.Equal((2, "branch-09", "mended"), (record.Partition.Value, record.Message.Key, record.Message.Value));
    }

    [Fact]
    public async Task Execute_PlanMadeBeforeAnotherRedrive_IsRefused()
    {
        var queue = Queue();
        await DeadLetterAsync(0, sourcePartition: 0, "once");
        var redriver = new DeadLetterRedriver(cluster, queue);
        var stale = redriver.Plan(queue.ReadAll());
        redriver.Execute(redriver.Plan(queue.ReadAll()));

        var error = Assert.Throws<InvalidOperationException>(() => redriver.Execute(stale));

        Assert.Contains("Another redrive", error.Message);
        Assert.Single(ReadSource());
    }

    [Fact]
    public async Task Plan_RecordWithoutErrorHeaders_CannotBeRedriven()
    {
        var queue = Queue();
        using (var producer = new ProducerBuilder<string, string>(kafka.ProducerConfig()).Build())
            await producer.ProduceAsync(new TopicPartition(queue.Topic, 0), new Message<string, string> { Key = "k", Value = "v" });

        var error = Assert.Throws<InvalidDataException>(() => new DeadLetterRedriver(cluster, queue).Plan(queue.ReadAll()));

        Assert.Contains("where it came from is unknown", error.Message);
    }

    public void Dispose() => cluster.Dispose();

    private DeadLetterQueue Queue()
    {
        kafka.Broker.CreateTopicNamed(source, 3);
        var queue = new DeadLetterQueue(cluster, service);
        kafka.Broker.CreateTopicNamed(queue.Topic, 2);
        return queue;
    }

    // A dead letter as the runtime writes it: the original key, value and headers, then the error headers.
    private async Task DeadLetterAsync(int partition, int sourcePartition, string value)
    {
        using var producer = new ProducerBuilder<string, string>(kafka.ProducerConfig()).Build();
        await producer.ProduceAsync(new TopicPartition($"{service}.dlq", partition), new Message<string, string>
        {
            Key = "branch-01",
            Value = value,
            Headers = new Headers
            {
                { "trace-id", "kept"u8.ToArray() },
                { DeadLetterHeaders.Topic, Encoding.UTF8.GetBytes(source) },
                { DeadLetterHeaders.Partition, Encoding.UTF8.GetBytes($"{sourcePartition}") },
                { DeadLetterHeaders.Offset, "41"u8.ToArray() },
                { DeadLetterHeaders.Exception, "System.FormatException"u8.ToArray() },
                { DeadLetterHeaders.Message, "bad"u8.ToArray() },
            },
        });
    }

    private List<ConsumeResult<string, string>> ReadSource()
    {
        using var consumer = new ConsumerBuilder<string, string>(kafka.ConsumerConfig(TestBrokerFixture.UniqueName("read"))).Build();
        var ends = Enumerable.Range(0, 3).ToDictionary(p => p, p => consumer.QueryWatermarkOffsets(new TopicPartition(source, p), TimeSpan.FromSeconds(10)).High.Value);
        consumer.Assign(ends.Where(e => e.Value > 0).Select(e => new TopicPartitionOffset(source, e.Key, 0)));
        var records = new List<ConsumeResult<string, string>>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (ends.Where(e => e.Value > 0).Any(e => records.Where(r => r.Partition.Value == e.Key).Select(r => r.Offset.Value + 1).DefaultIfEmpty(0).Max() < e.Value)
               && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(200) is { } record) records.Add(record);
        }
        return records;
    }
}
