namespace OrderStreams.Simulator;

/// <summary>
/// What the simulated city looks like and how its people behave. Durations are wall-clock time, compressed: a second
/// stands for about a minute of a real food-ordering day (a delivery takes 5 to 16 "minutes", a rush a quarter "hour").
/// </summary>
public sealed record SimulatorOptions
{
    /// <summary>Seed of every random choice: the same seed and clock give the same traffic.</summary>
    public int Seed { get; init; } = 7;

    public int Branches { get; init; } = 12;

    /// <summary>Drivers of every branch; null staffs each branch for its own expected demand (see <see cref="Staffing"/>).</summary>
    public int? DriversPerBranch { get; init; }

    /// <summary>Orders each kitchen takes at once; null sizes each kitchen for its own expected demand (see <see cref="Staffing"/>).</summary>
    public int? KitchenCapacity { get; init; }

    /// <summary>
    /// How branches are staffed where <see cref="DriversPerBranch"/> or <see cref="KitchenCapacity"/> is null: a multiple
    /// of the branch's expected demand at rush (1 is exactly enough on average, by Little's law). Demand comes in Poisson
    /// bursts, so at 1 the hot branch overflows to its neighbours now and then during a rush.
    /// </summary>
    public double Staffing { get; init; } = 1;

    /// <summary>Drivers of particular branches (branch id → count), whatever the staffing: a driver shortage.</summary>
    public IReadOnlyDictionary<string, int> BranchDrivers { get; init; } = new Dictionary<string, int>();

    /// <summary>Kitchen capacity of particular branches (branch id → orders), whatever the staffing.</summary>
    public IReadOnlyDictionary<string, int> BranchKitchenCapacity { get; init; } = new Dictionary<string, int>();

    /// <summary>Branches closed from the start that never open (customers still order from them; those orders move on).</summary>
    public IReadOnlySet<string> ClosedBranches { get; init; } = new HashSet<string>();

    /// <summary>Mean order arrivals per second outside rush (a Poisson process).</summary>
    public double OrdersPerSecond { get; init; } = 5;

    /// <summary>Share of all orders that go to the hot branch (branch-00).</summary>
    public double HotBranchShare { get; init; } = 0.3;

    /// <summary>Arrival-rate multiplier during a rush.</summary>
    public double RushMultiplier { get; init; } = 3;

    /// <summary>A rush starts every this often and lasts <see cref="RushLength"/>.</summary>
    public TimeSpan RushEvery { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan RushLength { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Share of orders whose payment arrives before the order.</summary>
    public double EarlyPaymentShare { get; init; } = 0.1;

    /// <summary>Share of captures the provider sends twice.</summary>
    public double DuplicatePaymentShare { get; init; } = 0.05;

    /// <summary>Share of payments the provider declines.</summary>
    public double DeclinedPaymentShare { get; init; } = 0.04;

    /// <summary>Share of captures whose amount differs from the order total.</summary>
    public double MismatchedPaymentShare { get; init; } = 0.02;

    /// <summary>Share of orders that never see a payment (they expire).</summary>
    public double UnpaidShare { get; init; } = 0.02;

    /// <summary>
    /// The business's payment deadline at the simulation's pace (15 minutes): run payment-completion with it
    /// (<c>PaymentCompletion:PaymentTimeout</c>), so unpaid orders expire while the simulation runs. Every callback of
    /// <see cref="PaymentDelay"/> comes well within it.
    /// </summary>
    public TimeSpan PaymentDeadline { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Payment callbacks arrive this long after the order, uniformly within the range.</summary>
    public (TimeSpan Min, TimeSpan Max) PaymentDelay { get; init; } = (TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(3));

    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>From assignment to pick-up at the branch (driving there, waiting for the kitchen).</summary>
    public (TimeSpan Min, TimeSpan Max) PickupDelay { get; init; } = (TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(6));

    /// <summary>From pick-up to the customer's door.</summary>
    public (TimeSpan Min, TimeSpan Max) DeliveryDuration { get; init; } = (TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10));

    /// <summary>Every this often one branch (never the hot one) closes for <see cref="BranchClosedFor"/>; null: never.</summary>
    public TimeSpan? BranchClosingEvery { get; init; } = TimeSpan.FromSeconds(45);

    public TimeSpan BranchClosedFor { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Every this often a driver's name changes (reference data the denormaliser must re-emit); null: never.</summary>
    public TimeSpan? DriverRenameEvery { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Stops placing orders after this many (null: no limit); payments, pings and deliveries go on.</summary>
    public int? MaxOrders { get; init; }
}
