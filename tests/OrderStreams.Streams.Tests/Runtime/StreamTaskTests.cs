using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using OrderStreams.Streams.Internals.Runtime;
using OrderStreams.Streams.Processor;
using OrderStreams.Streams.Serialization;

namespace OrderStreams.Streams.Tests.Runtime;

/// <summary>A task joining an order stream with a branch table, fed as the stream thread feeds it.</summary>
public sealed class StreamTaskTests : IDisposable
{
    private const string Orders = "orders";
    private const string Branches = "branches";
    private readonly StreamsConfig config = new()
    {
        ApplicationId = "task-tests",
        BootstrapServers = "unused:9092",
        StateDir = Path.Combine(Path.GetTempPath(), "orderstreams-task-tests", Guid.NewGuid().ToString("N")),
    };
    private readonly JoinedCollector joined;
    private readonly Dictionary<string, long> ends = [];
    private readonly StreamTask task;
    private readonly PartitionQueue orders;
    private readonly PartitionQueue branches;

    public StreamTaskTests()
    {
        var builder = new StreamsBuilder();
        var names = builder.Table(Branches, Consumed<string, string>.With(Serdes.String, Serdes.String));
        builder.Stream(Orders, Consumed<string, string>.With(Serdes.String, Serdes.String))
            .Join(names, (order, name) => $"{order}@{name}")
            .To("joined", Produced<string, string>.With(Serdes.String, Serdes.String));
        var topology = builder.Build();
        joined = new JoinedCollector(config);
        task = new StreamTask(
            new TaskId(0, 0), topology, topology.Subtopologies.Single(), config, joined, SystemClock.Instance,
            [new TopicPartition(Orders, 0), new TopicPartition(Branches, 0)]);
        task.InitializeStores();
        task.InitializeTopology();
        (orders, branches) = (task.Queue(Orders, 0), task.Queue(Branches, 0));
    }

    [Fact]
    public void Process_TableRecordOnTheBrokerNotYetFetched_WaitsForIt_ThenJoinsTheOrderWithIt()
    {
        Fetch(orders, "branch-1", "order", timestamp: 2_000);

        Assert.False(task.Process());
        Assert.NotNull(task.WaitingSince);
        Assert.Empty(joined.Values);

        Fetch(branches, "branch-1", "Soho", timestamp: 1_000);
        while (task.Process()) { }

        Assert.Equal(["order@Soho"], joined.Values);
        Assert.Null(task.WaitingSince);
    }

    [Fact]
    public void Process_EmptyPartitionsBrokerNotAnswering_Waits()
    {
        branches.EndCurrent = false;
        branches.ReachedEnd(0);
        Fetch(orders, "branch-1", "order", timestamp: 2_000);

        Assert.False(task.Process());
        Assert.Equal(1, orders.Count);
    }

    [Fact]
    public void Process_OtherPartitionCaughtUp_ProcessesAtOnce()
    {
        Fetch(branches, "branch-1", "Soho", timestamp: 1_000);
        orders.ReachedEnd(0);
        orders.EndCurrent = true;
        Assert.True(task.Process());
        Fetch(orders, "branch-1", "order", timestamp: 2_000);

        Assert.True(task.Process());
        Assert.Equal(["order@Soho"], joined.Values);
    }

    public void Dispose()
    {
        task.Dispose();
        if (Directory.Exists(config.StateDir)) Directory.Delete(config.StateDir, recursive: true);
    }

    /// <summary>As the stream thread's poll: the record is handed over, then the consumer reports the partition's end.</summary>
    private void Fetch(PartitionQueue queue, string key, string value, long timestamp)
    {
        var offset = ends.GetValueOrDefault(queue.Topic);
        task.Add(new ConsumeResult<byte[], byte[]>
        {
            Topic = queue.Topic,
            Partition = queue.Partition,
            Offset = offset,
            Message = new Message<byte[], byte[]>
            {
                Key = Serdes.String.Serialize(key, default)!,
                Value = Serdes.String.Serialize(value, default)!,
                Timestamp = new Timestamp(timestamp, TimestampType.CreateTime),
            },
        });
        ends[queue.Topic] = offset + 1;
        queue.ReachedEnd(offset + 1);
        queue.EndCurrent = true;
    }

    private sealed class JoinedCollector : IRecordCollector
    {
        public JoinedCollector(StreamsConfig config) => Errors = new ErrorHandler(config, NullLogger.Instance, this);

        public ErrorHandler Errors { get; }

        public List<string> Values { get; } = [];

        public void Send(string topic, int? partition, byte[]? key, byte[]? value, Headers? headers, long timestamp)
        {
            if (topic == "joined") Values.Add(Serdes.String.Deserialize(value, default)!);
        }

        public int PartitionCount(string topic) => 1;
    }
}
