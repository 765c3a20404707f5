using System.Text;
using OrderStreams.Contracts.Entities;
using OrderStreams.Contracts.Events;
using OrderStreams.Hosting.Configuration;
using OrderStreams.Hosting.Streams;
using OrderStreams.OrderFlow;
using OrderStreams.SchemaRegistry;
using OrderStreams.Streams.Serialization;
using OrderStreams.Streams.TestDriver;
using static OrderStreams.BranchAssignment.Tests.Samples;

namespace OrderStreams.BranchAssignment.Tests;

public sealed class BranchAssignmentTopologyTests : IDisposable
{
    private readonly string stateDir = Path.Combine(Path.GetTempPath(), "branch-assignment-tests", Guid.NewGuid().ToString("N"));
    private readonly InMemorySchemaRegistry registry = new();
    private readonly TopologyTestDriver driver;
    private readonly TestInputTopic<string, Branch> branches;
    private readonly TestInputTopic<string, OrderPlaced> orders;
    private readonly TestInputTopic<string, OrderPaymentOutcome> verdicts;
    private readonly TestInputTopic<string, DeliveryEvent> deliveries;
    private readonly TestOutputTopic<string, BranchAssignmentOutcome> outcomes;

    public BranchAssignmentTopologyTests()
    {
        var config = ServiceStreamsConfig.Create(
            BranchAssignmentService.Name, new KafkaOptions { BootstrapServers = "test:9092" }, new StreamsOptions { StateDir = stateDir });
        var options = new BranchAssignmentOptions
        {
            MaxAttempts = 3,
            CapacityWait = TimeSpan.FromMinutes(2),
            AssignmentTimeout = TimeSpan.FromMinutes(10),
            DeadlineCheckInterval = TimeSpan.FromSeconds(5),
            IdleAfter = TimeSpan.FromSeconds(30),
        };
        driver = new TopologyTestDriver(BranchAssignmentTopology.Build(registry, options, BranchRoutingTable.Empty), config, T0);
        branches = driver.CreateInputTopic(OrderFlowTopics.Branches, Serdes.String, new AvroSerde<Branch>(registry));
        orders = driver.CreateInputTopic(OrderFlowTopics.OrdersPlaced, Serdes.String, new AvroSerde<OrderPlaced>(registry));
        verdicts = driver.CreateInputTopic(OrderFlowTopics.OrdersPaid, Serdes.String, new AvroSerde<OrderPaymentOutcome>(registry));
        deliveries = driver.CreateInputTopic(OrderFlowTopics.Deliveries, Serdes.String, new AvroSerde<DeliveryEvent>(registry));
        outcomes = driver.CreateOutputTopic(OrderFlowTopics.OrdersBranchAssigned, Serdes.String, new AvroSerde<BranchAssignmentOutcome>(registry));
        foreach (var branch in new[] { Branch("branch-01", 1, capacity: 1), Branch("branch-02", 2, capacity: 1), Branch("branch-03", 3, open: false) })
            branches.PipeInput(branch.BranchId, branch, T0);
    }

    private OrderPlaced PlaceAndPay(long atSeconds = 0)
    {
        var order = Order("branch-01");
        orders.PipeInput(order.BranchId, order, T0.AddSeconds(atSeconds));
        verdicts.PipeInput(order.BranchId, Paid(order), T0.AddSeconds(atSeconds + 1));
        return order;
    }

    [Fact]
    public void Pipe_PaidOrderAtOpenBranchWithRoom_AssignedThere()
    {
        var order = PlaceAndPay();

        var outcome = Assert.Single(outcomes.ReadRecordsToList());
        Assert.Equal("branch-01", outcome.Key);
        Assert.Equal(order.OrderId, outcome.Value.OrderId);
        Assert.Equal(1, Assert.IsType<OrderBranchAssigned>(outcome.Value.Outcome).Attempt);
    }

    [Fact]
    public void Pipe_VerdictBeforeOrder_Assigned()
    {
        var order = Order("branch-01");
        verdicts.PipeInput(order.BranchId, Paid(order), T0);
        orders.PipeInput(order.BranchId, order, T0.AddSeconds(1));

        Assert.IsType<OrderBranchAssigned>(Assert.Single(outcomes.ReadValuesToList()).Outcome);
    }

    [Fact]
    public void Pipe_BurstOfOrdersForFullKitchens_NoneRejectedBeforeTheDeadline()
    {
        var burst = Enumerable.Range(0, 12).Select(i => PlaceAndPay(i * 2)).ToList();
        driver.AdvanceWallClockTime(TimeSpan.FromMinutes(1));

        var decided = outcomes.ReadValuesToList();
        Assert.DoesNotContain(decided, o => o.Outcome is OrderRejected);
        Assert.Equal(burst[0].OrderId, Assert.Single(decided).OrderId);
    }

    [Fact]
    public void AdvanceWallClockTime_CapacityWaitPassed_MovedToNextNearestAndRekeyed()
    {
        PlaceAndPay();
        var second = PlaceAndPay(10);
        Assert.DoesNotContain(outcomes.ReadValuesToList(), o => o.OrderId == second.OrderId);

        driver.AdvanceWallClockTime(TimeSpan.FromMinutes(3));

        var moved = Assert.Single(outcomes.ReadRecordsToList());
        Assert.Equal(second.OrderId, moved.Value.OrderId);
        Assert.Equal("branch-02", moved.Key);
        var assigned = Assert.IsType<OrderBranchAssigned>(moved.Value.Outcome);
        Assert.Equal("branch-01", assigned.OriginalBranchId);
        Assert.Equal(2, assigned.Attempt);
    }

    [Fact]
    public void AdvanceWallClockTime_NoBranchHasRoomUntilTheDeadline_RejectedOnceAtOriginalBranch()
    {
        PlaceAndPay();
        PlaceAndPay(10);
        var third = PlaceAndPay(20);

        driver.AdvanceWallClockTime(TimeSpan.FromMinutes(9));
        Assert.DoesNotContain(outcomes.ReadValuesToList(), o => o.OrderId == third.OrderId);
        driver.AdvanceWallClockTime(TimeSpan.FromMinutes(2));

        var rejected = Assert.Single(outcomes.ReadRecordsToList());
        Assert.Equal(third.OrderId, rejected.Value.OrderId);
        Assert.Equal("branch-01", rejected.Key);
        var reason = Assert.IsType<OrderRejected>(rejected.Value.Outcome);
        Assert.Equal(RejectionReason.NoCapacity, reason.Reason);
        Assert.Equal(["branch-01", "branch-02"], reason.TriedBranchIds);
    }

    [Fact]
    public void Pipe_StreamTimePassesTheDeadline_RejectedWithoutTheWallClock()
    {
        PlaceAndPay();
        PlaceAndPay(10);
        var third = PlaceAndPay(20);
        PlaceAndPay(60 * 11);

        var rejected = outcomes.ReadValuesToList().Single(o => o.OrderId == third.OrderId);
        Assert.Equal(RejectionReason.NoCapacity, Assert.IsType<OrderRejected>(rejected.Outcome).Reason);
    }

    [Fact]
    public void Pipe_PickUpWhileAnOrderWaits_WaitingOrderTakenAtItsOwnBranch()
    {
        var first = PlaceAndPay();
        var second = PlaceAndPay(10);
        Assert.Single(outcomes.ReadValuesToList());

        deliveries.PipeInput("branch-01", PickedUp(first, "branch-01"), T0.AddSeconds(40));

        var taken = Assert.Single(outcomes.ReadRecordsToList());
        Assert.Equal(second.OrderId, taken.Value.OrderId);
        Assert.Equal("branch-01", taken.Key);
        Assert.Equal(1, Assert.IsType<OrderBranchAssigned>(taken.Value.Outcome).Attempt);
    }

    [Fact]
    public void AdvanceWallClockTime_PickUpUnreadWhileTheCapacityWaitPasses_WaitingOrderTakenAtItsOwnBranch()
    {
        var first = PlaceAndPay();
        var second = PlaceAndPay(10);
        Assert.Single(outcomes.ReadValuesToList());
        driver.StopFetching();
        deliveries.PipeInput("branch-01", PickedUp(first, "branch-01"), T0.AddSeconds(40));

        driver.AdvanceWallClockTime(TimeSpan.FromMinutes(3));
        Assert.True(outcomes.IsEmpty);
        driver.ResumeFetching();

        var taken = Assert.Single(outcomes.ReadRecordsToList());
        Assert.Equal((second.OrderId, "branch-01"), (taken.Value.OrderId, taken.Key));
    }

    [Fact]
    public void Pipe_PickUpFreesCapacity_NextOrderStaysAtOwnBranch()
    {
        var first = PlaceAndPay();
        deliveries.PipeInput("branch-01", PickedUp(first, "branch-01"), T0.AddSeconds(5));
        var second = PlaceAndPay(10);

        Assert.Equal("branch-01", outcomes.ReadRecordsToList().Single(r => r.Value.OrderId == second.OrderId).Key);
    }

    [Fact]
    public void Pipe_PaymentExpired_NoAssignment()
    {
        var order = Order("branch-01");
        orders.PipeInput(order.BranchId, order, T0);
        verdicts.PipeInput(order.BranchId, Expired(order), T0.AddMinutes(15));

        Assert.True(outcomes.IsEmpty);
    }

    [Fact]
    public void Pipe_DuplicateVerdict_OneAssignment()
    {
        var order = Order("branch-01");
        var paid = Paid(order);
        orders.PipeInput(order.BranchId, order, T0);
        verdicts.PipeInput(order.BranchId, paid, T0.AddSeconds(1));
        verdicts.PipeInput(order.BranchId, paid, T0.AddSeconds(2));

        Assert.Single(outcomes.ReadValuesToList());
    }

    [Fact]
    public void Pipe_RequestRepeatedAfterThePickUp_NotAcceptedAgain()
    {
        var first = PlaceAndPay();
        deliveries.PipeInput("branch-01", PickedUp(first, "branch-01"), T0.AddSeconds(5));
        var requests = driver.CreateInputTopic(
            OrderFlowTopics.BranchAssignmentRequests, Serdes.String, new AvroSerde<BranchAssignmentRequest>(registry));

        requests.PipeInput("branch-01", Request(first, "branch-01"), T0.AddSeconds(6));
        var second = PlaceAndPay(10);

        Assert.Equal([first.OrderId, second.OrderId], outcomes.ReadValuesToList().Select(o => o.OrderId));
    }

    [Fact]
    public void Restart_DecisionsStoredButTheirOutputsLostInACrash_NewInstanceEmitsEachOnceAgain()
    {
        driver.AutoCommit = false;
        var order = PlaceAndPay();
        var lost = Assert.Single(outcomes.ReadRecordsToList());

        driver.Restart();
        driver.AdvanceWallClockTime(TimeSpan.FromSeconds(1));

        var again = Assert.Single(outcomes.ReadRecordsToList());
        Assert.Equal((lost.Key, lost.Timestamp, order.OrderId, lost.Value.At),
            (again.Key, again.Timestamp, again.Value.OrderId, again.Value.At));
        Assert.Equal(1, Assert.IsType<OrderBranchAssigned>(again.Value.Outcome).Attempt);
    }

    [Fact]
    public void Restart_MoveStoredButItsOutputLostInACrash_OfferedToTheSameNextBranchOnly()
    {
        PlaceAndPay();
        var second = PlaceAndPay(10);
        outcomes.ReadRecordsToList();
        driver.AutoCommit = false;
        driver.AdvanceWallClockTime(TimeSpan.FromMinutes(3));
        var moved = Assert.Single(outcomes.ReadRecordsToList());

        driver.Restart();
        driver.AdvanceWallClockTime(TimeSpan.FromSeconds(1));
        driver.AdvanceWallClockTime(TimeSpan.FromMinutes(3));

        var again = outcomes.ReadRecordsToList();
        Assert.All(again, o => Assert.Equal((second.OrderId, moved.Key), (o.Value.OrderId, o.Key)));
        Assert.NotEmpty(again);
    }

    [Fact]
    public void Pipe_UnreadableVerdict_DeadLettered()
    {
        verdicts.PipeRaw(Encoding.UTF8.GetBytes("branch-01"), Encoding.UTF8.GetBytes("not avro"), T0.ToUnixTimeMilliseconds());

        var dead = Assert.Single(driver.CreateOutputTopic("branch-assignment.dlq", Serdes.ByteArray, Serdes.ByteArray).ReadRecordsToList());
        Assert.Equal(OrderFlowTopics.OrdersPaid, Encoding.UTF8.GetString(dead.Headers.GetLastBytes("__streams.errors.topic")));
    }

    public void Dispose()
    {
        driver.Dispose();
        if (Directory.Exists(stateDir)) Directory.Delete(stateDir, recursive: true);
    }
}
