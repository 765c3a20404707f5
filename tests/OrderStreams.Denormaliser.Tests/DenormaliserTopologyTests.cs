using System.Text;
using OrderStreams.Contracts.Entities;
using OrderStreams.Contracts.Events;
using OrderStreams.Contracts.Views;
using OrderStreams.Denormaliser.Queries;
using OrderStreams.Hosting.Configuration;
using OrderStreams.Hosting.Streams;
using OrderStreams.OrderFlow;
using OrderStreams.SchemaRegistry;
using OrderStreams.Streams.Serialization;
using OrderStreams.Streams.TestDriver;
using static OrderStreams.Denormaliser.Tests.Samples;

namespace OrderStreams.Denormaliser.Tests;

public sealed class DenormaliserTopologyTests : IDisposable
{
    private readonly string stateDir = Path.Combine(Path.GetTempPath(), "denormaliser-tests", Guid.NewGuid().ToString("N"));
    private readonly InMemorySchemaRegistry registry = new();
    private readonly TopologyTestDriver driver;
    private readonly TestOutputTopic<string, OrderView> views;
    private readonly OrderViewReader reader;

    public DenormaliserTopologyTests()
    {
        var config = ServiceStreamsConfig.Create(
            DenormaliserService.Name, new KafkaOptions { BootstrapServers = "test:9092" }, new StreamsOptions { StateDir = stateDir });
        var options = new DenormaliserOptions { ReferenceRefreshInterval = TimeSpan.FromSeconds(5) };
        driver = new TopologyTestDriver(DenormaliserTopology.Build(registry, options), config, T0);
        views = driver.CreateOutputTopic(OrderFlowTopics.OrdersView, Serdes.String, new AvroSerde<OrderView>(registry));
        reader = new OrderViewReader(name => driver.GetKeyValueStore<string, string>(name), driver.GetKeyValueStore<string, OrderView>(DenormaliserTopology.ViewsStore));
        Pipe(OrderFlowTopics.Branches, "branch-01", Branch("branch-01"));
        Pipe(OrderFlowTopics.Branches, "branch-02", Branch("branch-02", "North"));
        Pipe(OrderFlowTopics.Drivers, "d1", Driver("d1"));
    }

    private void Pipe<V>(string topic, string key, V value, DateTimeOffset? at = null)
        where V : class, Avro.Specific.IAvroRecord<V> =>
        driver.CreateInputTopic(topic, Serdes.String, new AvroSerde<V>(registry)).PipeInput(key, value, at ?? T0);

    [Fact]
    public void Pipe_LifecycleOutOfOrder_OneViewPerChangeEndingDelivered()
    {
        var id = Guid.NewGuid();
        Pipe(OrderFlowTopics.Deliveries, "branch-01", Delivered(id, "d1"));
        Pipe(OrderFlowTopics.OrdersDriverAssigned, "branch-01", DriverAssigned(id, "d1"));
        Pipe(OrderFlowTopics.OrdersPlaced, "branch-01", Placed(id));
        Pipe(OrderFlowTopics.OrdersPaid, "branch-01", Paid(id));
        Pipe(OrderFlowTopics.OrdersBranchAssigned, "branch-01", BranchAssigned(id, "branch-01"));

        var emitted = views.ReadRecordsToList();
        Assert.All(emitted, r => Assert.Equal(id.ToString(), r.Key));
        Assert.Equal([1L, 2, 3, 4, 5], emitted.Select(r => r.Value.Version));
        var final = emitted[^1].Value;
        Assert.Equal(OrderStatus.Delivered, final.Status);
        Assert.Equal("Ann", final.Driver!.Name);
        Assert.Equal("customer-1", final.CustomerId);
        Assert.Equal(
            [OrderStatus.Placed, OrderStatus.Paid, OrderStatus.BranchAssigned, OrderStatus.DriverAssigned, OrderStatus.Delivered],
            final.Timeline.Select(e => e.Status));
        Assert.Equal(final, reader.Order(id));
        Assert.Empty(reader.BranchOrders("branch-01", null));
        Assert.Equal([id], reader.DriverOrders("d1").Select(v => v.OrderId));
    }

    [Fact]
    public void Build_ViewTopicOption_WritesTheViewsThereAndNotToOrdersView()
    {
        var config = ServiceStreamsConfig.Create(
            DenormaliserService.Name, new KafkaOptions { BootstrapServers = "test:9092" }, new StreamsOptions { StateDir = stateDir + "-replay" });
        using var replay = new TopologyTestDriver(DenormaliserTopology.Build(registry, new DenormaliserOptions { ViewTopic = "denormaliser-asof-1-orders.view" }), config, T0);
        var id = Guid.NewGuid();

        replay.CreateInputTopic(OrderFlowTopics.OrdersPlaced, Serdes.String, new AvroSerde<OrderPlaced>(registry)).PipeInput("branch-01", Placed(id), T0);

        Assert.Equal([id.ToString()], replay.CreateOutputTopic("denormaliser-asof-1-orders.view", Serdes.String, new AvroSerde<OrderView>(registry)).ReadRecordsToList().Select(r => r.Key));
        Assert.DoesNotContain(OrderFlowTopics.OrdersView, replay.ProducedTopics);
    }

    [Fact]
    public void Pipe_OrderMovedToAnotherBranch_OneViewListedUnderTheNewBranch()
    {
        var id = Guid.NewGuid();
        Pipe(OrderFlowTopics.OrdersPlaced, "branch-01", Placed(id, "branch-01"));
        Pipe(OrderFlowTopics.OrdersBranchAssigned, "branch-02", BranchAssigned(id, "branch-02"));

        Assert.Empty(reader.BranchOrders("branch-01", null));
        var listed = Assert.Single(reader.BranchOrders("branch-02", OrderStatus.BranchAssigned));
        Assert.Equal("North", listed.Branch!.Name);
        Assert.Empty(reader.BranchOrders("branch-02", OrderStatus.Placed));
    }

    [Fact]
    public void AdvanceWallClock_BranchRenamed_LiveOrdersReemittedFinishedOnesNot()
    {
        var live = Guid.NewGuid();
        var done = Guid.NewGuid();
        Pipe(OrderFlowTopics.OrdersPlaced, "branch-01", Placed(live));
        Pipe(OrderFlowTopics.OrdersPlaced, "branch-01", Placed(done));
        Pipe(OrderFlowTopics.Deliveries, "branch-01", Delivered(done, "d1"));
        driver.AdvanceWallClockTime(TimeSpan.FromSeconds(6));
        views.ReadRecordsToList();

        Pipe(OrderFlowTopics.Branches, "branch-01", Branch("branch-01", "Renamed", T0.AddHours(1)));
        driver.AdvanceWallClockTime(TimeSpan.FromSeconds(6));

        var reemitted = Assert.Single(views.ReadValuesToList());
        Assert.Equal(live, reemitted.OrderId);
        Assert.Equal("Renamed", reemitted.Branch!.Name);
    }

    [Fact]
    public void Pipe_EventProcessedAgainAfterACrashKeptItsViewButNotItsOutput_ViewEmittedAgainAndIndexRepaired()
    {
        var id = Guid.NewGuid();
        var delivered = Delivered(id, "d1");
        Pipe(OrderFlowTopics.OrdersPlaced, "branch-01", Placed(id));
        Pipe(OrderFlowTopics.Deliveries, "branch-01", delivered);
        var latest = views.ReadValuesToList()[^1];
        driver.GetKeyValueStore<string, string>(DenormaliserTopology.BranchIndexStore).Put($"branch-01/{id}", nameof(OrderStatus.Placed));

        Pipe(OrderFlowTopics.Deliveries, "branch-01", delivered);

        Assert.Equal(latest, Assert.Single(views.ReadValuesToList()));
        Assert.Empty(reader.BranchOrders("branch-01", null));
    }

    [Fact]
    public void Pipe_UnreadableEvent_DeadLettered()
    {
        driver.CreateInputTopic(OrderFlowTopics.Payments, Serdes.ByteArray, Serdes.ByteArray)
            .PipeRaw(Encoding.UTF8.GetBytes("branch-01"), [1, 2, 3], T0.ToUnixTimeMilliseconds());

        Assert.Single(driver.CreateOutputTopic("denormaliser.dlq", Serdes.ByteArray, Serdes.ByteArray).ReadRecordsToList());
        Assert.True(views.IsEmpty);
    }

    public void Dispose()
    {
        driver.Dispose();
        if (Directory.Exists(stateDir)) Directory.Delete(stateDir, recursive: true);
    }
}
