using System.Text;
using Confluent.Kafka;
using OrderStreams.Kafka.Clients;
using OrderStreams.Operations.Clients;
using OrderStreams.Operations.DeadLetters;
using OrderStreams.Operations.Tests.Support;
using OrderStreams.Operations.Trace;
using OrderStreams.OrderFlow;
using OrderStreams.Testing;

namespace OrderStreams.Operations.Tests.Trace;

[Collection(EmbeddedKafkaCollection.Name)]
public sealed class OrderTracerTests(TestBrokerFixture kafka, RegistryFixture registry)
{
    private const string Home = "branch-01";

    [Fact]
    public async Task TraceAsync_MovedOrder_EveryEventInTimeOrderWithOrWithoutItsBranch()
    {
        var (id, other) = (Guid.NewGuid(), Guid.NewGuid());
        var moved = Enumerable.Range(2, 20).Select(i => $"branch-{i:00}").First(b => Partition(b, 6) != Partition(Home, 6));
        var (placed, paid, assigned) = (kafka.CreateTopic("trace-placed", 6), kafka.CreateTopic("trace-paid", 6), kafka.CreateTopic("trace-assigned", 6));
        var (view, dlq) = (kafka.CreateTopic("trace-view", 3), kafka.CreateTopic("trace-svc.dlq", 2));
        using var client = registry.Client();
        await Samples.ProduceAsync(kafka, client, placed, Home, Samples.Placed(id, Home), Samples.T0);
        await Samples.ProduceAsync(kafka, client, placed, Home, Samples.Placed(other, Home), Samples.T0);
        await ProducePoisonAsync(dlq, placed, $"{{\"orderId\":\"{id}\"}}", Samples.T0.AddSeconds(2));
        await Samples.ProduceAsync(kafka, client, paid, Home, Samples.Paid(id, Home), Samples.T0.AddMinutes(1));
        await Samples.ProduceAsync(kafka, client, assigned, moved, Samples.MovedTo(id, Home, moved), Samples.T0.AddMinutes(2));
        await Samples.ProduceAsync(kafka, client, assigned, moved, Samples.MovedTo(other, Home, moved), Samples.T0.AddMinutes(2));
        // The view, keyed by order, is what names the branch the order moved to on a partition the trace reads first.
        await Samples.ProduceAsync(kafka, client, view, id.ToString(), Samples.MovedTo(id, Home, moved), Samples.T0.AddMinutes(2));
        TraceTopic[] topics = [new(placed, TraceKey.Branch), new(paid, TraceKey.Branch), new(assigned, TraceKey.Branch), new(view, TraceKey.Order), new(dlq, TraceKey.Other)];
        using var cluster = new ClusterConnection([new("bootstrap.servers", kafka.BootstrapServers)]);
        var tracer = new OrderTracer(cluster, client, BranchRoutingTable.Empty, parallelism: 2);
        ScanProgress? last = null;

        var everything = await tracer.TraceAsync(id.ToString(), topics, progress: new Reporter(p => last = p));
        var targeted = await tracer.TraceAsync(id.ToString().ToUpperInvariant(), topics, branch: Home);

        Assert.Equal(
            [(placed, "OrderPlaced"), (dlq, "(undecodable)"), (paid, "OrderPaid"), (assigned, "OrderBranchAssigned"), (view, "OrderBranchAssigned")],
            everything.Select(e => (e.Topic, e.Type)));
        Assert.Equal(everything.Select(e => (e.Topic, e.Partition, e.Offset)), targeted.Select(e => (e.Topic, e.Partition, e.Offset)));
        Assert.Equal(Partition(moved, 6), everything[3].Partition);
        Assert.Equal(placed, everything[1].DeadLetter!.SourceTopic);
        Assert.Equal(last!.Total, last.Scanned);
    }

    [Fact]
    public async Task TraceAsync_UnknownOrder_FindsNothing()
    {
        var placed = kafka.CreateTopic("trace-none", 2);
        using var client = registry.Client();
        await Samples.ProduceAsync(kafka, client, placed, Home, Samples.Placed(Guid.NewGuid(), Home), Samples.T0);
        using var cluster = new ClusterConnection([new("bootstrap.servers", kafka.BootstrapServers)]);

        var events = await new OrderTracer(cluster, client, BranchRoutingTable.Empty).TraceAsync(Guid.NewGuid().ToString(), [new(placed, TraceKey.Branch)]);

        Assert.Empty(events);
    }

    private static int Partition(string branch, int partitions) => KafkaClientDefaults.PartitionFor(Encoding.UTF8.GetBytes(branch), partitions);

    // A dead letter as the runtime writes it: the original bytes and the error headers.
    private async Task ProducePoisonAsync(string dlq, string source, string value, DateTimeOffset timestamp)
    {
        using var producer = new ProducerBuilder<string, string>(kafka.ProducerConfig()).Build();
        await producer.ProduceAsync(dlq, new Message<string, string>
        {
            Key = Home,
            Value = value,
            Timestamp = new Timestamp(timestamp),
            Headers = new Headers
            {
                { DeadLetterHeaders.Topic, Encoding.UTF8.GetBytes(source) },
                { DeadLetterHeaders.Partition, "0"u8.ToArray() },
                { DeadLetterHeaders.Offset, "7"u8.ToArray() },
                { DeadLetterHeaders.Exception, "OrderStreams.SchemaRegistry.Serdes.AvroSerdeException"u8.ToArray() },
                { DeadLetterHeaders.Message, "Unknown magic byte 0x7b"u8.ToArray() },
            },
        });
    }

    private sealed class Reporter(Action<ScanProgress> report) : IProgress<ScanProgress>
    {
        public void Report(ScanProgress value) => report(value);
    }
}
