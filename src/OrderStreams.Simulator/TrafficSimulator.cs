using OrderStreams.Contracts.Common;
using OrderStreams.Contracts.Entities;
using OrderStreams.Contracts.Events;
using OrderStreams.Simulator.World;

namespace OrderStreams.Simulator;

/// <summary>
/// A city's worth of customers, payment provider and drivers. Single-threaded and driven by time: the caller moves
/// it forward with <see cref="AdvanceTo"/> (wall clock in the platform, a virtual clock in tests) and feeds it the
/// driver assignments the pipeline makes, to which it reacts as the driver app would.
/// </summary>
public sealed class TrafficSimulator
{
    private const string Currency = "EUR";
    private const long DeliveryFeeCents = 299;

    private readonly SimulatorOptions options;
    private readonly ITrafficSink sink;
    private readonly SimulatedRandom random;
    // The driver app draws from its own sequence, so the orders and payments of a seed do not depend on the pipeline's pace.
    private readonly SimulatedRandom driverApp;
    private readonly EventQueue queue;
    private DateTimeOffset? start;
    private readonly Dictionary<string, Branch> branches;
    private readonly Dictionary<string, SimulatedDriver> drivers;
    // Orders the driver app may still be sent; orders that never get a driver (rejected, unpaid) age out.
    private static readonly TimeSpan ForgetUndeliveredAfter = TimeSpan.FromMinutes(10);
    private readonly Dictionary<Guid, OrderPlaced> awaitingDelivery = new();
    private int ordersStarted;
    private volatile bool orderingStopped;

    /// <summary>Builds the city and publishes its branches and drivers (reference data) at <paramref name="now"/>; traffic waits for <see cref="Start"/>.</summary>
    public TrafficSimulator(SimulatorOptions options, ITrafficSink sink, DateTimeOffset now)
    {
        this.options = options;
        this.sink = sink;
        random = new SimulatedRandom(options.Seed);
        driverApp = new SimulatedRandom(options.Seed + 1);
        queue = new EventQueue(now);
        City = City.Generate(options, random, now);
        branches = City.Branches.ToDictionary(b => b.BranchId);
        drivers = City.Drivers.ToDictionary(d => d.DriverId, d => new SimulatedDriver(d, branches[d.BranchId].Location));

        foreach (var branch in City.Branches) Publish(TrafficTopics.Branches, branch.BranchId, branch);
        foreach (var driver in City.Drivers) Publish(TrafficTopics.Drivers, driver.DriverId, driver);
    }

    public City City { get; }

    public SimulationStats Stats { get; } = new();

    /// <summary>
    /// Opens the city for business at <paramref name="at"/>: drivers start pinging, customers ordering, branches
    /// closing now and then. Call it once the pipeline runs, so the reference data is there before the first order.
    /// </summary>
    /// <exception cref="InvalidOperationException">Already started.</exception>
    public void Start(DateTimeOffset at)
    {
        if (start is not null) throw new InvalidOperationException($"The simulation already started at {start:O}.");
        queue.RunUntil(at);
        start = queue.Now;
        Stats.RateIs(RateAt(queue.Now));
        foreach (var driver in drivers.Values) queue.After(random.Between((TimeSpan.Zero, options.PingInterval)), () => Ping(driver));
        queue.After(random.Exponential(RateAt(queue.Now).OrdersPerSecond), PlaceOrder);
        if (options.BranchClosingEvery is { } closingEvery) queue.After(closingEvery, () => CloseABranch(closingEvery));
        if (options.DriverRenameEvery is { } renameEvery) queue.After(renameEvery, () => RenameADriver(renameEvery));
        queue.After(ForgetUndeliveredAfter, ForgetStaleOrders);
    }

    /// <summary>Runs everything due up to <paramref name="now"/> (nothing is due before <see cref="Start"/>).</summary>
    public void AdvanceTo(DateTimeOffset now)
    {
        queue.RunUntil(now);
        if (start is not null) Stats.RateIs(RateAt(queue.Now));
    }

    /// <summary>The pipeline gave <paramref name="assignment"/>'s order to a driver: drive to the branch, pick up, deliver.</summary>
    public void OnDriverAssigned(OrderDriverAssigned assignment)
    {
        Stats.AssignmentSeen();
        if (!drivers.TryGetValue(assignment.DriverId, out var driver) || !awaitingDelivery.Remove(assignment.OrderId, out var order))
            return;
        var branch = branches[assignment.BranchId];
        var pickupAt = queue.Now + driverApp.Between(options.PickupDelay);
        var deliveredAt = pickupAt + driverApp.Between(options.DeliveryDuration);
        driver.StartDelivery(queue.Now, branch.Location, pickupAt, order.DeliveryLocation, deliveredAt);

        queue.At(pickupAt, () =>
        {
            Publish(TrafficTopics.Deliveries, branch.BranchId, DeliveryStep(order, branch.BranchId, driver, new OrderPickedUp { Location = branch.Location }), order.OrderId);
            Stats.PickUp();
        });
        queue.At(deliveredAt, () =>
        {
            Publish(TrafficTopics.Deliveries, branch.BranchId, DeliveryStep(order, branch.BranchId, driver, new OrderDelivered { Location = order.DeliveryLocation }), order.OrderId);
            Stats.Delivery();
            driver.FinishDelivery(branch.Location);
            SendPing(driver);
        });
    }

    private TrafficRate RateAt(DateTimeOffset now) => RushSchedule.At(options, now - start!.Value);

    /// <summary>
    /// A customer of <paramref name="branchId"/> orders now and pays in full: an order outside the arrival process
    /// (and <see cref="SimulatorOptions.MaxOrders"/>), which the driver app delivers like any other.
    /// </summary>
    public OrderPlaced PlaceOrderNow(string branchId)
    {
        var order = NewOrder(branches[branchId]);
        Place(order, PaymentPlan.Captured);
        return order;
    }

    /// <summary>
    /// Customers stop ordering from now on; payments, pings and the driver app go on, so the orders already placed
    /// finish. Safe to call from any thread.
    /// </summary>
    public void StopOrdering() => orderingStopped = true;

    private void PlaceOrder()
    {
        if (orderingStopped || (options.MaxOrders is { } max && ordersStarted >= max)) return;
        ordersStarted++;
        queue.After(random.Exponential(RateAt(queue.Now).OrdersPerSecond), PlaceOrder);
        var order = NewOrder(random.Chance(options.HotBranchShare) ? City.Branches[0] : City.Branches[random.Next(City.Branches.Count)]);
        Place(order, DrawPaymentPlan());
    }

    private void Place(OrderPlaced order, PaymentPlan plan)
    {
        var placeAt = queue.Now;
        if (plan == PaymentPlan.CapturedEarly)
        {
            SendPayment(order, PaymentStatus.Captured, order.Totals.Total);
            Stats.EarlyPayment();
            placeAt += random.Between((TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1)));
        }
        queue.At(placeAt, () =>
        {
            var placed = order with { PlacedAt = queue.Now };
            Publish(TrafficTopics.OrdersPlaced, placed.BranchId, placed, placed.OrderId);
            Stats.OrderPlaced();
            awaitingDelivery[placed.OrderId] = placed;
        });
        SchedulePayments(order, plan, placeAt);
    }

    private PaymentPlan DrawPaymentPlan()
    {
        var draw = random.NextDouble();
        foreach (var (share, plan) in new[]
        {
            (options.UnpaidShare, PaymentPlan.Unpaid),
            (options.DeclinedPaymentShare, PaymentPlan.Declined),
            (options.MismatchedPaymentShare, PaymentPlan.Mismatched),
            (options.EarlyPaymentShare, PaymentPlan.CapturedEarly),
            (options.DuplicatePaymentShare, PaymentPlan.CapturedTwice),
        })
        {
            if (draw < share) return plan;
            draw -= share;
        }
        return PaymentPlan.Captured;
    }

    private void SchedulePayments(OrderPlaced order, PaymentPlan plan, DateTimeOffset placedAt)
    {
        var callbackAt = placedAt + random.Between(options.PaymentDelay);
        switch (plan)
        {
            case PaymentPlan.Unpaid:
                Stats.UnpaidOrder();
                break;
            case PaymentPlan.Declined:
                Stats.DeclinedPayment();
                queue.At(callbackAt, () => SendPayment(order, PaymentStatus.Failed, order.Totals.Total, "card declined"));
                break;
            case PaymentPlan.Mismatched:
                Stats.MismatchedPayment();
                queue.At(callbackAt, () => SendPayment(order, PaymentStatus.Captured, order.Totals.Total with { AmountCents = order.Totals.Total.AmountCents - 100 }));
                break;
            case PaymentPlan.CapturedTwice:
                Stats.DuplicatePayment();
                var paymentId = random.NextGuid();
                queue.At(callbackAt, () => SendPayment(order, PaymentStatus.Captured, order.Totals.Total, paymentId: paymentId));
                queue.At(callbackAt + random.Between((TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1))),
                    () => SendPayment(order, PaymentStatus.Captured, order.Totals.Total, paymentId: paymentId));
                break;
            case PaymentPlan.Captured:
                var authorisationId = random.NextGuid();
                queue.At(callbackAt, () => SendPayment(order, PaymentStatus.Authorised, order.Totals.Total, paymentId: authorisationId));
                queue.At(callbackAt + TimeSpan.FromMilliseconds(100), () => SendPayment(order, PaymentStatus.Captured, order.Totals.Total, paymentId: authorisationId));
                break;
        }
    }

    private void SendPayment(OrderPlaced order, PaymentStatus status, Money amount, string? failure = null, Guid? paymentId = null)
    {
        Publish(TrafficTopics.Payments, order.BranchId, new PaymentEvent
        {
            PaymentId = paymentId ?? random.NextGuid(),
            OrderId = order.OrderId,
            BranchId = order.BranchId,
            Amount = amount,
            Status = status,
            FailureReason = failure,
            At = queue.Now,
        }, order.OrderId);
        Stats.PaymentEvent();
    }

    private OrderPlaced NewOrder(Branch branch)
    {
        var items = Enumerable.Range(0, 1 + random.Next(4)).Select(_ =>
        {
            var item = City.Menu[random.Next(City.Menu.Count)];
            return new OrderItem { Sku = item.Sku, Name = item.Name, Quantity = 1 + random.Next(3), UnitPrice = Cents(item.PriceCents) };
        }).ToList();
        var subtotal = items.Sum(i => i.Quantity * i.UnitPrice.AmountCents);
        var customer = random.Next(10_000);
        return new OrderPlaced
        {
            OrderId = random.NextGuid(),
            BranchId = branch.BranchId,
            CustomerId = $"customer-{customer:D5}",
            Items = items,
            Totals = new OrderTotals { Subtotal = Cents(subtotal), DeliveryFee = Cents(DeliveryFeeCents), Total = Cents(subtotal + DeliveryFeeCents) },
            DeliveryLocation = Geo.Offset(branch.Location, 0.3 + 3 * random.NextDouble(), 2 * Math.PI * random.NextDouble()),
            DeliveryAddress = $"Simulated street {customer % 300 + 1}",
            Channel = (OrderChannel)(1 + random.Next(3)),
            PlacedAt = queue.Now,
        };
    }

    private void Ping(SimulatedDriver driver)
    {
        SendPing(driver);
        queue.After(options.PingInterval * (0.8 + 0.4 * random.NextDouble()), () => Ping(driver));
    }

    private void SendPing(SimulatedDriver driver)
    {
        Publish(TrafficTopics.DriversStatus, driver.Driver.BranchId, new DriverStatusChanged
        {
            DriverId = driver.Driver.DriverId,
            BranchId = driver.Driver.BranchId,
            Status = driver.Status,
            Location = driver.LocationAt(queue.Now),
            At = queue.Now,
        });
        Stats.Ping();
    }

    private void CloseABranch(TimeSpan every)
    {
        queue.After(every, () => CloseABranch(every));
        if (City.Branches.Count < 2) return;
        var branch = branches[City.Branch(1 + random.Next(City.Branches.Count - 1))];
        if (!branch.Open) return;
        SetOpen(branch, false);
        Stats.BranchClosing();
        queue.After(options.BranchClosedFor, () => SetOpen(branches[branch.BranchId], true));
    }

    private void SetOpen(Branch branch, bool open)
    {
        var changed = branch with { Open = open, UpdatedAt = queue.Now };
        branches[branch.BranchId] = changed;
        Publish(TrafficTopics.Branches, changed.BranchId, changed);
    }

    private void RenameADriver(TimeSpan every)
    {
        queue.After(every, () => RenameADriver(every));
        var driver = drivers.Values.ElementAt(random.Next(drivers.Count));
        driver.Driver = driver.Driver with { Name = City.RandomName(random), UpdatedAt = queue.Now };
        Publish(TrafficTopics.Drivers, driver.Driver.DriverId, driver.Driver);
        Stats.DriverRename();
    }

    private void ForgetStaleOrders()
    {
        queue.After(ForgetUndeliveredAfter, ForgetStaleOrders);
        foreach (var stale in awaitingDelivery.Values.Where(o => queue.Now - o.PlacedAt > ForgetUndeliveredAfter).ToList())
            awaitingDelivery.Remove(stale.OrderId);
    }

    private DeliveryEvent DeliveryStep(OrderPlaced order, string branchId, SimulatedDriver driver, DeliveryEvent.IStep step) => new()
    {
        OrderId = order.OrderId,
        BranchId = branchId,
        DriverId = driver.Driver.DriverId,
        At = queue.Now,
        Step = step,
    };

    /// <param name="orderId">The order the event belongs to: it goes out in the order's trace.</param>
    private void Publish<T>(string topic, string key, T value, Guid? orderId = null)
        where T : class, Avro.Specific.IAvroRecord<T> =>
        sink.Publish(topic, key, value, queue.Now, orderId is { } id ? OrderTrace.NewTraceParent(id) : null);

    private static Money Cents(long cents) => new() { AmountCents = cents, Currency = Currency };
}
