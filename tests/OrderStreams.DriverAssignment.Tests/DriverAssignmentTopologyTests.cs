using System.Text;
using OrderStreams.Contracts.Entities;
using OrderStreams.Contracts.Events;
using OrderStreams.Hosting.Configuration;
using OrderStreams.Hosting.Streams;
using OrderStreams.OrderFlow;
using OrderStreams.SchemaRegistry;
using OrderStreams.Streams.Serialization;
using OrderStreams.Streams.TestDriver;
using static OrderStreams.DriverAssignment.Tests.Samples;

namespace OrderStreams.DriverAssignment.Tests;

public sealed class DriverAssignmentTopologyTests : IDisposable
{
    private readonly string stateDir = Path.Combine(Path.GetTempPath(), "driver-assignment-tests", Guid.NewGuid().ToString("N"));
    private readonly InMemorySchemaRegistry registry = new();
    private readonly TopologyTestDriver driver;
    private readonly TestInputTopic<string, BranchAssignmentOutcome> orders;
    private readonly TestInputTopic<string, DriverStatusChanged> pings;
    private readonly TestInputTopic<string, DeliveryEvent> deliveries;
    private readonly TestOutputTopic<string, OrderDriverAssigned> assignments;

    public DriverAssignmentTopologyTests()
    {
        var config = ServiceStreamsConfig.Create(
            DriverAssignmentService.Name, new KafkaOptions { BootstrapServers = "test:9092" }, new StreamsOptions { StateDir = stateDir });
        driver = new TopologyTestDriver(DriverAssignmentTopology.Build(registry, BranchRoutingTable.Empty), config);
        driver.CreateInputTopic(OrderFlowTopics.Branches, Serdes.String, new AvroSerde<Branch>(registry)).PipeInput(BranchId, Branch(), T0);
        orders = driver.CreateInputTopic(OrderFlowTopics.OrdersBranchAssigned, Serdes.String, new AvroSerde<BranchAssignmentOutcome>(registry));
        pings = driver.CreateInputTopic(OrderFlowTopics.DriversStatus, Serdes.String, new AvroSerde<DriverStatusChanged>(registry));
        deliveries = driver.CreateInputTopic(OrderFlowTopics.Deliveries, Serdes.String, new AvroSerde<DeliveryEvent>(registry));
        assignments = driver.CreateOutputTopic(OrderFlowTopics.OrdersDriverAssigned, Serdes.String, new AvroSerde<OrderDriverAssigned>(registry));
    }

    [Fact]
    public void Pipe_OrderWaitsUntilDriverAvailable_ThenAssigned()
    {
        var order = Assigned();
        orders.PipeInput(BranchId, order, T0);
        Assert.True(assignments.IsEmpty);

        pings.PipeInput(BranchId, Ping("d1", DriverStatus.Available, 1), T0.AddSeconds(5));

        var assigned = Assert.Single(assignments.ReadRecordsToList());
        Assert.Equal(BranchId, assigned.Key);
        Assert.Equal((order.OrderId, "d1"), (assigned.Value.OrderId, assigned.Value.DriverId));
    }

    [Fact]
    public void Pipe_DriversAvailableFirst_NearestGetsOrder()
    {
        pings.PipeInput(BranchId, Ping("far", DriverStatus.Available, 3), T0);
        pings.PipeInput(BranchId, Ping("near", DriverStatus.Available, 1), T0);

        orders.PipeInput(BranchId, Assigned(), T0.AddSeconds(1));

        Assert.Equal("near", Assert.Single(assignments.ReadValuesToList()).DriverId);
    }

    [Fact]
    public void Pipe_ReservedDriverPingsAvailable_NotDoubleBookedUntilDelivered()
    {
        pings.PipeInput(BranchId, Ping("d1", DriverStatus.Available, 1), T0);
        var first = Assigned();
        orders.PipeInput(BranchId, first, T0.AddSeconds(1));
        pings.PipeInput(BranchId, Ping("d1", DriverStatus.Available, 0.5, T0.AddSeconds(2)), T0.AddSeconds(2));
        var second = Assigned();
        orders.PipeInput(BranchId, second, T0.AddSeconds(3));
        Assert.Equal([first.OrderId], assignments.ReadValuesToList().Select(a => a.OrderId));

        deliveries.PipeInput(BranchId, Delivered(first.OrderId, "d1"), T0.AddMinutes(20));

        var next = Assert.Single(assignments.ReadValuesToList());
        Assert.Equal((second.OrderId, "d1"), (next.OrderId, next.DriverId));
    }

    [Fact]
    public void Pipe_LongQueue_EachFreedDriverTakesTheOldestWaitingOrder()
    {
        var queued = Enumerable.Range(0, 30).Select(_ => Assigned()).ToList();
        for (var i = 0; i < queued.Count; i++) orders.PipeInput(BranchId, queued[i], T0.AddSeconds(i));
        pings.PipeInput(BranchId, Ping("d1", DriverStatus.Available, 1), T0.AddMinutes(1));
        pings.PipeInput(BranchId, Ping("d2", DriverStatus.Available, 2), T0.AddMinutes(1));
        pings.PipeInput(BranchId, Ping("d2", DriverStatus.OnDelivery, 2, T0.AddMinutes(2)), T0.AddMinutes(2));

        deliveries.PipeInput(BranchId, Delivered(queued[0].OrderId, "d1"), T0.AddMinutes(3));
        pings.PipeInput(BranchId, Ping("d1", DriverStatus.Available, 1, T0.AddMinutes(4)), T0.AddMinutes(4));

        Assert.Equal(
            [(queued[0].OrderId, "d1"), (queued[1].OrderId, "d2"), (queued[2].OrderId, "d1")],
            assignments.ReadValuesToList().Select(a => (a.OrderId, a.DriverId)));
    }

    [Fact]
    public void Pipe_DuplicateBranchAssignment_OneDriver()
    {
        pings.PipeInput(BranchId, Ping("d1", DriverStatus.Available, 1), T0);
        pings.PipeInput(BranchId, Ping("d2", DriverStatus.Available, 2), T0);
        var order = Assigned();
        orders.PipeInput(BranchId, order, T0.AddSeconds(1));
        orders.PipeInput(BranchId, order, T0.AddSeconds(2));

        Assert.Single(assignments.ReadValuesToList());
    }

    [Fact]
    public void Pipe_BranchAssignmentRepeatedAfterTheDelivery_NoSecondDriverAndTheDriverStaysFree()
    {
        pings.PipeInput(BranchId, Ping("d1", DriverStatus.Available, 1), T0);
        var order = Assigned();
        orders.PipeInput(BranchId, order, T0.AddSeconds(1));
        deliveries.PipeInput(BranchId, Delivered(order.OrderId, "d1"), T0.AddMinutes(20));

        orders.PipeInput(BranchId, order, T0.AddMinutes(21));
        var next = Assigned();
        orders.PipeInput(BranchId, next, T0.AddMinutes(22));

        Assert.Equal([(order.OrderId, "d1"), (next.OrderId, "d1")], assignments.ReadValuesToList().Select(a => (a.OrderId, a.DriverId)));
    }

    [Fact]
    public void Restart_AssignmentStoredButItsOutputLostInACrash_NewInstanceEmitsTheSameAssignment()
    {
        driver.AutoCommit = false;
        pings.PipeInput(BranchId, Ping("d1", DriverStatus.Available, 1), T0);
        pings.PipeInput(BranchId, Ping("d2", DriverStatus.Available, 2), T0);
        var order = Assigned();
        orders.PipeInput(BranchId, order, T0.AddSeconds(1));
        var lost = Assert.Single(assignments.ReadRecordsToList());

        driver.Restart();
        pings.PipeInput(BranchId, Ping("d1", DriverStatus.Available, 1, T0.AddSeconds(2)), T0.AddSeconds(2));
        driver.AdvanceWallClockTime(TimeSpan.FromSeconds(1));

        var again = Assert.Single(assignments.ReadRecordsToList());
        Assert.Equal((lost.Key, lost.Timestamp, order.OrderId, "d1", lost.Value.At),
            (again.Key, again.Timestamp, again.Value.OrderId, again.Value.DriverId, again.Value.At));
    }

    [Fact]
    public void Restart_AfterTheCommitThatDeliveredTheAssignment_EmitsNothingAgain()
    {
        pings.PipeInput(BranchId, Ping("d1", DriverStatus.Available, 1), T0);
        orders.PipeInput(BranchId, Assigned(), T0.AddSeconds(1));
        Assert.Single(assignments.ReadValuesToList());

        driver.Restart();
        driver.AdvanceWallClockTime(TimeSpan.FromSeconds(1));

        Assert.True(assignments.IsEmpty);
    }

    [Fact]
    public void Restart_CrashKeptTheReservationButLostTheDispatch_DriverFreedForTheNextOrder()
    {
        pings.PipeInput(BranchId, Ping("d1", DriverStatus.Available, 1), T0);
        var first = Assigned();
        orders.PipeInput(BranchId, first, T0.AddSeconds(1));
        assignments.ReadValuesToList();
        driver.GetKeyValueStore<string, DriverAssignment.Domain.OrderDispatch>(DriverAssignmentTopology.DispatchStore).Delete(first.OrderId.ToString());

        driver.Restart();
        var second = Assigned();
        orders.PipeInput(BranchId, second, T0.AddSeconds(2));

        var next = Assert.Single(assignments.ReadValuesToList());
        Assert.Equal((second.OrderId, "d1"), (next.OrderId, next.DriverId));
    }

    [Fact]
    public void Pipe_DeliveredByAnotherDriver_TheAssignedDriverIsFreedToo()
    {
        pings.PipeInput(BranchId, Ping("d1", DriverStatus.Available, 1), T0);
        var first = Assigned();
        orders.PipeInput(BranchId, first, T0.AddSeconds(1));
        var second = Assigned();
        orders.PipeInput(BranchId, second, T0.AddSeconds(2));
        Assert.Equal([first.OrderId], assignments.ReadValuesToList().Select(a => a.OrderId));

        deliveries.PipeInput(BranchId, Delivered(first.OrderId, "stand-in"), T0.AddMinutes(20));

        var next = Assert.Single(assignments.ReadValuesToList());
        Assert.Equal((second.OrderId, "d1"), (next.OrderId, next.DriverId));
    }

    [Fact]
    public void Pipe_RejectedOrder_NotQueued()
    {
        pings.PipeInput(BranchId, Ping("d1", DriverStatus.Available, 1), T0);
        orders.PipeInput(BranchId, Assigned() with { Outcome = new OrderRejected { Reason = RejectionReason.NoCapacity, TriedBranchIds = [BranchId] } }, T0);

        Assert.True(assignments.IsEmpty);
    }

    [Fact]
    public void Pipe_UnreadablePing_DeadLetteredAndDispatchContinues()
    {
        pings.PipeRaw(Encoding.UTF8.GetBytes(BranchId), [0, 0, 0, 0, 99], T0.ToUnixTimeMilliseconds());
        pings.PipeInput(BranchId, Ping("d1", DriverStatus.Available, 1), T0);
        orders.PipeInput(BranchId, Assigned(), T0.AddSeconds(1));

        Assert.Single(driver.CreateOutputTopic("driver-assignment.dlq", Serdes.ByteArray, Serdes.ByteArray).ReadRecordsToList());
        Assert.Single(assignments.ReadValuesToList());
    }

    public void Dispose()
    {
        driver.Dispose();
        if (Directory.Exists(stateDir)) Directory.Delete(stateDir, recursive: true);
    }
}
