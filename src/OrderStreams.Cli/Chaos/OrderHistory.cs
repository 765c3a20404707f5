using OrderStreams.Contracts.Common;
using OrderStreams.Contracts.Events;
using OrderStreams.Contracts.Views;

namespace OrderStreams.Cli.Chaos;

/// <summary>What the topics say happened to one order: every record of it on the order-flow topics, and its latest view.</summary>
internal sealed class OrderHistory(Guid orderId)
{
    public Guid OrderId { get; } = orderId;

    /// <summary>Its <c>orders.placed</c> record (the first, should there be more).</summary>
    public OrderPlaced? Placed { get; set; }

    /// <summary>The payment provider's events for it.</summary>
    public List<PaymentEvent> Payments { get; } = [];

    public List<OrderPaymentOutcome> Verdicts { get; } = [];

    /// <summary>Captures of it payment-completion did not accept, to be refunded.</summary>
    public List<PaymentRefundDue> Refunds { get; } = [];

    public List<BranchAssignmentOutcome> BranchOutcomes { get; } = [];

    public List<OrderDriverAssigned> DriverAssignments { get; } = [];

    public int PickUps { get; set; }

    public int Deliveries { get; set; }

    /// <summary>Its latest <c>orders.view</c> record.</summary>
    public OrderView? View { get; set; }

    /// <summary>The terminal outcomes the topics hold, each kind once: a settled order has exactly one.</summary>
    public IReadOnlyList<OrderStatus> Outcomes
    {
        get
        {
            var outcomes = new HashSet<OrderStatus>();
            foreach (var verdict in Verdicts)
            {
                if (verdict.Outcome is OrderPaymentFailed) outcomes.Add(OrderStatus.PaymentFailed);
                if (verdict.Outcome is OrderPaymentExpired) outcomes.Add(OrderStatus.PaymentExpired);
            }
            if (BranchOutcomes.Any(o => o.Outcome is OrderRejected)) outcomes.Add(OrderStatus.Rejected);
            if (Deliveries > 0) outcomes.Add(OrderStatus.Delivered);
            return outcomes.Order().ToList();
        }
    }

    /// <summary>
    /// It expired although a capture of its full amount is dated before its deadline: the capture reached the service
    /// late (later than the deadline fired), and was refunded or should have been.
    /// </summary>
    public bool ExpiredThoughPaidInTime => CapturesInTimeOfExpired.Any();

    /// <summary>Of <see cref="ExpiredThoughPaidInTime"/>: every such capture has its refund due.</summary>
    public bool ExpiredThoughPaidInTimeAndRefunded =>
        ExpiredThoughPaidInTime && CapturesInTimeOfExpired.All(p => Refunds.Any(r => r.PaymentId == p.PaymentId));

    private IEnumerable<PaymentEvent> CapturesInTimeOfExpired =>
        Placed is { } order && Verdicts.FirstOrDefault(v => v.Outcome is OrderPaymentExpired)?.Outcome is OrderPaymentExpired expired
            ? Payments.Where(p =>
                p.Status == PaymentStatus.Captured && p.Amount.AmountCents == order.Totals.Total.AmountCents && p.At <= expired.Deadline)
            : [];

    /// <summary>A step the services take once was written more than once (a verdict, a branch outcome, a driver).</summary>
    public bool HasRepeatedSteps => Verdicts.Count > 1 || BranchOutcomes.Count > 1 || DriverAssignments.Count > 1;

    /// <summary>
    /// A step written more than once decided differently: two kinds of verdict or two payments, two branches or kinds
    /// of branch outcome, two drivers. Identical repeats are not conflicts: at-least-once writes a step again when a
    /// service dies after its output went out and before its input offset was committed.
    /// </summary>
    public bool HasConflictingSteps =>
        Verdicts.Select(v => (Kind: v.Outcome.GetType(), Payment: PaymentOf(v))).Distinct().Count() > 1
        || BranchOutcomes.Select(o => (o.BranchId, Kind: o.Outcome.GetType())).Distinct().Count() > 1
        || DriverAssignments.Select(a => a.DriverId).Distinct().Count() > 1;

    /// <summary>What the services wrote for it, for a problem line.</summary>
    public string Steps =>
        $"verdicts [{string.Join(", ", Verdicts.Select(v => v.Outcome.GetType().Name))}], "
        + $"branch outcomes [{string.Join(", ", BranchOutcomes.Select(o => $"{o.Outcome.GetType().Name} at {o.BranchId}"))}], "
        + $"drivers [{string.Join(", ", DriverAssignments.Select(a => a.DriverId))}]";

    private static Guid? PaymentOf(OrderPaymentOutcome verdict) => verdict.Outcome switch
    {
        OrderPaid paid => paid.PaymentId,
        OrderPaymentFailed failed => failed.PaymentId,
        _ => null,
    };

    /// <summary>The branch that took it, or the one it was placed at while none did.</summary>
    public string? CurrentBranch => BranchOutcomes.FirstOrDefault(o => o.Outcome is OrderBranchAssigned)?.BranchId ?? Placed?.BranchId;

    public string? Driver => DriverAssignments.FirstOrDefault()?.DriverId;

    /// <summary>The status the topics give it: the furthest step they hold.</summary>
    public OrderStatus ExpectedStatus =>
        Outcomes is [var outcome] ? outcome
        : PickUps > 0 ? OrderStatus.PickedUp
        : DriverAssignments.Count > 0 ? OrderStatus.DriverAssigned
        : BranchOutcomes.Count > 0 ? OrderStatus.BranchAssigned
        : Verdicts.Count > 0 ? OrderStatus.Paid
        : OrderStatus.Placed;

    /// <summary>How its latest view differs from what the topics say, or null when it agrees.</summary>
    public string? ViewDifference()
    {
        if (View is null) return "no record in orders.view";
        var differences = new List<string>();
        if (View.Status != ExpectedStatus) differences.Add($"status {View.Status}, the topics say {ExpectedStatus}");
        if (View.BranchId != CurrentBranch) differences.Add($"branch {View.BranchId}, the topics say {CurrentBranch}");
        if (Driver is not null && View.Driver?.DriverId != Driver) differences.Add($"driver {View.Driver?.DriverId ?? "none"}, the topics say {Driver}");
        return differences.Count == 0 ? null : string.Join("; ", differences);
    }
}
