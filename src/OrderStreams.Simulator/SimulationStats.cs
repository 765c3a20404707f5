namespace OrderStreams.Simulator;

/// <summary>What the simulator has done so far; read from other threads while it runs.</summary>
public sealed class SimulationStats
{
    private long ordersPlaced, paymentEvents, earlyPayments, duplicatePayments, declinedPayments, mismatchedPayments, unpaidOrders;
    private long pings, assignmentsSeen, pickedUp, delivered, branchClosings, driverRenames;
    private TrafficRate rate = TrafficRate.NotStarted;

    public long OrdersPlaced => Interlocked.Read(ref ordersPlaced);
    public long PaymentEvents => Interlocked.Read(ref paymentEvents);
    public long EarlyPayments => Interlocked.Read(ref earlyPayments);
    public long DuplicatePayments => Interlocked.Read(ref duplicatePayments);
    public long DeclinedPayments => Interlocked.Read(ref declinedPayments);
    public long MismatchedPayments => Interlocked.Read(ref mismatchedPayments);
    public long UnpaidOrders => Interlocked.Read(ref unpaidOrders);
    public long Pings => Interlocked.Read(ref pings);
    public long AssignmentsSeen => Interlocked.Read(ref assignmentsSeen);
    public long PickedUp => Interlocked.Read(ref pickedUp);
    public long Delivered => Interlocked.Read(ref delivered);
    public long BranchClosings => Interlocked.Read(ref branchClosings);
    public long DriverRenames => Interlocked.Read(ref driverRenames);

    /// <summary>The arrival rate the simulation is at now, and whether a rush is on (see <see cref="RushSchedule"/>).</summary>
    public TrafficRate Rate => Volatile.Read(ref rate);

    internal void OrderPlaced() => Interlocked.Increment(ref ordersPlaced);
    internal void PaymentEvent() => Interlocked.Increment(ref paymentEvents);
    internal void EarlyPayment() => Interlocked.Increment(ref earlyPayments);
    internal void DuplicatePayment() => Interlocked.Increment(ref duplicatePayments);
    internal void DeclinedPayment() => Interlocked.Increment(ref declinedPayments);
    internal void MismatchedPayment() => Interlocked.Increment(ref mismatchedPayments);
    internal void UnpaidOrder() => Interlocked.Increment(ref unpaidOrders);
    internal void Ping() => Interlocked.Increment(ref pings);
    internal void AssignmentSeen() => Interlocked.Increment(ref assignmentsSeen);
    internal void PickUp() => Interlocked.Increment(ref pickedUp);
    internal void Delivery() => Interlocked.Increment(ref delivered);
    internal void BranchClosing() => Interlocked.Increment(ref branchClosings);
    internal void DriverRename() => Interlocked.Increment(ref driverRenames);

    // The simulator advances every few milliseconds; a new rate is only published when it changes.
    internal void RateIs(TrafficRate now)
    {
        if (now != rate) Volatile.Write(ref rate, now);
    }
}
