using OrderStreams.Contracts.Common;
using OrderStreams.Contracts.Entities;
using OrderStreams.Contracts.Events;

namespace OrderStreams.Simulator.Tests;

public sealed class TrafficSimulatorTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Start_PublishesEveryBranchAndDriver()
    {
        var sink = new RecordingSink();
        var simulator = new TrafficSimulator(new SimulatorOptions { Branches = 5, DriversPerBranch = 3 }, sink, Start);

        Assert.Equal(5, sink.On<Branch>(TrafficTopics.Branches).Count());
        Assert.Equal(15, sink.On<Driver>(TrafficTopics.Drivers).Count());
        Assert.All(sink.On<Driver>(TrafficTopics.Drivers), d => Assert.Contains(simulator.City.Branches, b => b.BranchId == d.BranchId));
    }

    [Fact]
    public void Constructor_PublishesTheCityButNoTrafficUntilStarted()
    {
        var sink = new RecordingSink();
        var simulator = new TrafficSimulator(new SimulatorOptions(), sink, Start);
        simulator.AdvanceTo(Start.AddMinutes(1));
        var referenceData = sink.Published.Count;

        simulator.Start(Start.AddMinutes(1));
        simulator.AdvanceTo(Start.AddMinutes(2));

        Assert.Equal(simulator.City.Branches.Count + simulator.City.Drivers.Count, referenceData);
        Assert.All(sink.Published.Skip(referenceData), p => Assert.True(p.Timestamp >= Start.AddMinutes(1)));
        Assert.NotEmpty(sink.On<OrderPlaced>(TrafficTopics.OrdersPlaced));
        Assert.Throws<InvalidOperationException>(() => simulator.Start(Start.AddMinutes(2)));
    }

    [Fact]
    public void Start_OrderEvents_GoOutInOneTracePerOrder()
    {
        var sink = new RecordingSink();
        var simulator = new TrafficSimulator(new SimulatorOptions(), sink, Start);
        simulator.Start(Start);
        simulator.AdvanceTo(Start.AddMinutes(2));

        var orderOf = new Func<object, Guid?>(value => value switch
        {
            OrderPlaced o => o.OrderId,
            PaymentEvent p => p.OrderId,
            DeliveryEvent d => d.OrderId,
            _ => null,
        });
        var placed = sink.On<OrderPlaced>(TrafficTopics.OrdersPlaced).ToList();
        Assert.NotEmpty(placed);
        Assert.All(placed, o => Assert.Contains(sink.Traced, t => ReferenceEquals(t.Value, o)));
        Assert.All(sink.Traced, t =>
        {
            var parts = t.TraceParent.Split('-');
            Assert.Equal(["00", orderOf(t.Value)!.Value.ToString("N"), parts[2], "01"], parts);
            Assert.Matches("^[0-9a-f]{16}$", parts[2]);
        });
        Assert.Equal(sink.Traced.Count, sink.Traced.Select(t => t.TraceParent).Distinct().Count());
        Assert.DoesNotContain(sink.Traced, t => t.Value is DriverStatusChanged or Branch or Driver);
    }

    [Fact]
    public void City_StaffsEachBranchForItsRushDemand()
    {
        var slow = new TrafficSimulator(new SimulatorOptions { OrdersPerSecond = 2 }, new RecordingSink(), Start).City;
        var busy = new TrafficSimulator(new SimulatorOptions { OrdersPerSecond = 20 }, new RecordingSink(), Start).City;
        int Drivers(World.City city, string branch) => city.Drivers.Count(d => d.BranchId == branch);

        // branch-00 at 20/s: 20 × 3 (rush) × (0.3 + 0.7/12) ≈ 21.5 orders/s, each holding a driver 4 + 6.5 + 1 s and a kitchen place 4 + 1 s.
        Assert.Equal(248, Drivers(busy, "branch-00"));
        Assert.Equal(108, busy.Branches[0].KitchenCapacity);
        Assert.True(Drivers(busy, "branch-01") < Drivers(busy, "branch-00") / 5);
        Assert.True(Drivers(slow, "branch-01") < Drivers(busy, "branch-01"));
        Assert.All(slow.Branches, b => Assert.True(b.KitchenCapacity >= 2));
    }

    [Fact]
    public void City_ExplicitSizesOverrideTheStaffing()
    {
        var options = new SimulatorOptions
        {
            DriversPerBranch = 3,
            KitchenCapacity = 7,
            BranchDrivers = new Dictionary<string, int> { ["branch-02"] = 1 },
            BranchKitchenCapacity = new Dictionary<string, int> { ["branch-00"] = 2 },
            ClosedBranches = new HashSet<string> { "branch-05" },
        };
        var city = new TrafficSimulator(options, new RecordingSink(), Start).City;

        Assert.Equal(1, city.Drivers.Count(d => d.BranchId == "branch-02"));
        Assert.All(city.Branches.Where(b => b.BranchId != "branch-02"), b => Assert.Equal(3, city.Drivers.Count(d => d.BranchId == b.BranchId)));
        Assert.Equal([2, 7], city.Branches.Select(b => b.KitchenCapacity).Distinct());
        Assert.Equal(["branch-05"], city.Branches.Where(b => !b.Open).Select(b => b.BranchId));
    }

    [Fact]
    public void Arrivals_FollowTheRateWithRushAndHotBranchSkew()
    {
        var (sink, _) = Run(new SimulatorOptions { OrdersPerSecond = 20, DriversPerBranch = 2, RushMultiplier = 3, RushEvery = TimeSpan.FromSeconds(60), RushLength = TimeSpan.FromSeconds(15) }, TimeSpan.FromMinutes(10));
        var orders = sink.On<OrderPlaced>(TrafficTopics.OrdersPlaced).ToList();

        // 600 s at 20/s, a quarter of the time at 60/s: 20 × 600 × 1.5 = 18,000 expected.
        Assert.InRange(orders.Count, 17_000, 19_000);
        // 30% to the hot branch plus its 1/12 share of the rest.
        var hotShare = orders.Count(o => o.BranchId == "branch-00") / (double)orders.Count;
        Assert.InRange(hotShare, 0.33, 0.39);
        Assert.All(orders, o => Assert.Equal(o.Items.Sum(i => i.Quantity * i.UnitPrice.AmountCents) + o.Totals.DeliveryFee.AmountCents, o.Totals.Total.AmountCents));
    }

    [Fact]
    public void Payments_ArriveEarlyTwiceDeclinedMismatchedOrNever_InTheConfiguredShares()
    {
        var (sink, simulator) = Run(new SimulatorOptions { OrdersPerSecond = 50, DriversPerBranch = 2 }, TimeSpan.FromMinutes(5));
        var orders = sink.Published.Where(p => p.Topic == TrafficTopics.OrdersPlaced).ToDictionary(p => ((OrderPlaced)p.Value).OrderId, p => p);
        var payments = sink.Published.Where(p => p.Topic == TrafficTopics.Payments).GroupBy(p => ((PaymentEvent)p.Value).OrderId).ToDictionary(g => g.Key, g => g.ToList());
        double Share(Func<List<(string, string, object, DateTimeOffset Timestamp)>, bool> kind) =>
            orders.Keys.Count(id => payments.TryGetValue(id, out var p) && kind(p)) / (double)orders.Count;

        var early = Share(p => p.Any(e => e.Timestamp < orders[((PaymentEvent)e.Item3).OrderId].Timestamp));
        var twice = Share(p => p.Count(e => ((PaymentEvent)e.Item3).Status == PaymentStatus.Captured) == 2);
        var declined = Share(p => p.Any(e => ((PaymentEvent)e.Item3).Status == PaymentStatus.Failed));
        var never = orders.Keys.Count(id => !payments.ContainsKey(id)) / (double)orders.Count;

        Assert.InRange(early, 0.08, 0.12);
        Assert.InRange(twice, 0.04, 0.06);
        Assert.InRange(declined, 0.03, 0.05);
        Assert.InRange(never, 0.01, 0.03);
        Assert.Equal(simulator.Stats.OrdersPlaced, orders.Count);
        // Early payments at the very end belong to orders not placed yet when the run stopped.
        Assert.All(payments.Where(p => orders.ContainsKey(p.Key)), p => Assert.Equal(orders[p.Key].Key, Assert.IsType<PaymentEvent>(p.Value[0].Item3).BranchId));
    }

    [Fact]
    public void DriverApp_PicksUpThenDelivers_AndPingsOnDeliveryUntilDone()
    {
        var sink = new RecordingSink();
        var simulator = new TrafficSimulator(new SimulatorOptions { MaxOrders = 1 }, sink, Start);
        simulator.Start(Start);
        simulator.AdvanceTo(Start.AddSeconds(5));
        var order = Assert.Single(sink.On<OrderPlaced>(TrafficTopics.OrdersPlaced));
        var driver = simulator.City.Drivers.First(d => d.BranchId == order.BranchId);

        simulator.OnDriverAssigned(new OrderDriverAssigned
        {
            OrderId = order.OrderId, BranchId = order.BranchId, DriverId = driver.DriverId,
            DriverLocation = order.DeliveryLocation, DistanceKm = 1, At = Start.AddSeconds(5),
        });
        simulator.AdvanceTo(Start.AddSeconds(60));

        var steps = sink.On<DeliveryEvent>(TrafficTopics.Deliveries).ToList();
        Assert.Collection(steps, s => Assert.IsType<OrderPickedUp>(s.Step), s => Assert.IsType<OrderDelivered>(s.Step));
        Assert.All(steps, s => Assert.Equal((order.OrderId, driver.DriverId), (s.OrderId, s.DriverId)));
        var pings = sink.Published.Where(p => p.Topic == TrafficTopics.DriversStatus && ((DriverStatusChanged)p.Value).DriverId == driver.DriverId).ToList();
        var deliveredAt = steps[1].At;
        Assert.Contains(pings, p => p.Timestamp < deliveredAt && ((DriverStatusChanged)p.Value).Status == DriverStatus.OnDelivery);
        Assert.All(pings.Where(p => p.Timestamp >= deliveredAt), p => Assert.Equal(DriverStatus.Available, ((DriverStatusChanged)p.Value).Status));
        Assert.Equal((1, 1), (simulator.Stats.PickedUp, simulator.Stats.Delivered));
    }

    [Fact]
    public void DriverApp_IgnoresAssignmentsForUnknownOrders()
    {
        var sink = new RecordingSink();
        var simulator = new TrafficSimulator(new SimulatorOptions { MaxOrders = 0 }, sink, Start);
        simulator.Start(Start);

        simulator.OnDriverAssigned(new OrderDriverAssigned
        {
            OrderId = Guid.NewGuid(), BranchId = "branch-00", DriverId = "driver-00-00",
            DriverLocation = new GeoLocation { Lat = 0, Lon = 0 }, DistanceKm = 1, At = Start,
        });
        simulator.AdvanceTo(Start.AddSeconds(60));

        Assert.Empty(sink.On<DeliveryEvent>(TrafficTopics.Deliveries));
    }

    [Fact]
    public void Branches_CloseAndReopen_ButNeverTheHotOne()
    {
        var (sink, simulator) = Run(new SimulatorOptions { OrdersPerSecond = 1 }, TimeSpan.FromMinutes(5));
        var updates = sink.On<Branch>(TrafficTopics.Branches).Skip(simulator.City.Branches.Count).ToList();

        Assert.NotEmpty(updates);
        Assert.DoesNotContain(updates, b => b.BranchId == "branch-00");
        foreach (var branch in updates.GroupBy(b => b.BranchId))
            Assert.Equal(branch.Select((_, i) => i % 2 != 0), branch.Select(b => b.Open));
        Assert.True(simulator.Stats.DriverRenames > 0);
    }

    [Fact]
    public void Branches_WithoutClosingsOrRenames_StayAsTheyWere()
    {
        var options = new SimulatorOptions { BranchClosingEvery = null, DriverRenameEvery = null, ClosedBranches = new HashSet<string> { "branch-03" } };
        var (sink, simulator) = Run(options, TimeSpan.FromMinutes(5));

        Assert.Equal(simulator.City.Branches.Count, sink.On<Branch>(TrafficTopics.Branches).Count());
        Assert.Equal(simulator.City.Drivers.Count, sink.On<Driver>(TrafficTopics.Drivers).Count());
        Assert.Equal((0, 0), (simulator.Stats.BranchClosings, simulator.Stats.DriverRenames));
        Assert.Contains(sink.On<OrderPlaced>(TrafficTopics.OrdersPlaced), o => o.BranchId == "branch-03");
    }

    [Fact]
    public void SameSeed_SameOrdersAndPayments_HoweverTheDriverAppIsKeptBusy()
    {
        var options = new SimulatorOptions { Seed = 5, OrdersPerSecond = 10 };
        var (quiet, _) = Run(options, TimeSpan.FromSeconds(30));
        var busySink = new RecordingSink();
        var busy = new TrafficSimulator(options, busySink, Start);
        busy.Start(Start);
        var assigned = 0;
        for (var at = Start; at < Start.AddSeconds(30); at = at.AddMilliseconds(100))
        {
            busy.AdvanceTo(at);
            foreach (var order in busySink.On<OrderPlaced>(TrafficTopics.OrdersPlaced).Skip(assigned).ToList())
            {
                var driver = busy.City.Drivers.First(d => d.BranchId == order.BranchId);
                busy.OnDriverAssigned(new OrderDriverAssigned
                {
                    OrderId = order.OrderId, BranchId = order.BranchId, DriverId = driver.DriverId,
                    DriverLocation = order.DeliveryLocation, DistanceKm = 1, At = at,
                });
                assigned++;
            }
        }
        busy.AdvanceTo(Start.AddSeconds(30));

        Assert.NotEmpty(busySink.On<DeliveryEvent>(TrafficTopics.Deliveries));
        Assert.Equal(quiet.On<OrderPlaced>(TrafficTopics.OrdersPlaced), busySink.On<OrderPlaced>(TrafficTopics.OrdersPlaced), OrderPlacedComparer.Instance);
        Assert.Equal(quiet.On<PaymentEvent>(TrafficTopics.Payments), busySink.On<PaymentEvent>(TrafficTopics.Payments));
    }

    [Fact]
    public void SameSeed_SameTraffic()
    {
        var (first, _) = Run(new SimulatorOptions { Seed = 11 }, TimeSpan.FromSeconds(30));
        var (second, _) = Run(new SimulatorOptions { Seed = 11 }, TimeSpan.FromSeconds(30));

        Assert.Equal(first.Published.Select(p => (p.Topic, p.Key, p.Timestamp)), second.Published.Select(p => (p.Topic, p.Key, p.Timestamp)));
        Assert.Equal(first.On<OrderPlaced>(TrafficTopics.OrdersPlaced), second.On<OrderPlaced>(TrafficTopics.OrdersPlaced), OrderPlacedComparer.Instance);
    }

    [Fact]
    public void PlaceOrderNow_PlacesAPaidOrderAtTheBranch_BeyondMaxOrders()
    {
        var (sink, simulator) = Run(new SimulatorOptions { MaxOrders = 0 }, TimeSpan.FromSeconds(1));

        var order = simulator.PlaceOrderNow("branch-04");
        simulator.AdvanceTo(Start.AddSeconds(10));

        Assert.Equal(order.OrderId, Assert.Single(sink.On<OrderPlaced>(TrafficTopics.OrdersPlaced)).OrderId);
        Assert.Equal("branch-04", order.BranchId);
        var capture = Assert.Single(sink.On<PaymentEvent>(TrafficTopics.Payments), p => p.Status == PaymentStatus.Captured);
        Assert.Equal((order.OrderId, order.Totals.Total), (capture.OrderId, capture.Amount));
    }

    [Fact]
    public void MaxOrders_StopsPlacingOrders()
    {
        var (sink, _) = Run(new SimulatorOptions { MaxOrders = 25 }, TimeSpan.FromMinutes(1));

        Assert.Equal(25, sink.On<OrderPlaced>(TrafficTopics.OrdersPlaced).Count());
    }

    private static (RecordingSink Sink, TrafficSimulator Simulator) Run(SimulatorOptions options, TimeSpan duration)
    {
        var sink = new RecordingSink();
        var simulator = new TrafficSimulator(options, sink, Start);
        simulator.Start(Start);
        simulator.AdvanceTo(Start + duration);
        return (sink, simulator);
    }

    private sealed class OrderPlacedComparer : IEqualityComparer<OrderPlaced>
    {
        public static readonly OrderPlacedComparer Instance = new();

        public bool Equals(OrderPlaced? x, OrderPlaced? y) =>
            x is not null && y is not null && x.OrderId == y.OrderId && x.Totals == y.Totals && x.Items.SequenceEqual(y.Items);

        public int GetHashCode(OrderPlaced obj) => obj.OrderId.GetHashCode();
    }
}
