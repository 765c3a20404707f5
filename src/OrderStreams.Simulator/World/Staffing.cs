namespace OrderStreams.Simulator.World;

/// <summary>
/// How many drivers and kitchen places a branch needs for the orders it expects at rush, by Little's law: the orders
/// in progress are the arrival rate times the time each order holds a driver (to the branch, then to the customer)
/// or a kitchen place (from acceptance until the driver picks it up).
/// </summary>
internal static class Staffing
{
    // What the pipeline adds to each order's time in the kitchen and with the driver (hops between the services).
    private static readonly TimeSpan PipelineAllowance = TimeSpan.FromSeconds(1);

    private const int Minimum = 2;

    /// <summary>Orders per second the branch at <paramref name="index"/> expects at rush (branch 0 is the hot one).</summary>
    public static double RushDemand(SimulatorOptions options, int index) =>
        options.OrdersPerSecond * options.RushMultiplier
        * ((index == 0 ? options.HotBranchShare : 0) + (1 - options.HotBranchShare) / options.Branches);

    public static int Drivers(SimulatorOptions options, int index) =>
        Size(options, index, Mean(options.PickupDelay) + Mean(options.DeliveryDuration) + PipelineAllowance);

    public static int Kitchen(SimulatorOptions options, int index) =>
        Size(options, index, Mean(options.PickupDelay) + PipelineAllowance);

    private static int Size(SimulatorOptions options, int index, TimeSpan holdTime) =>
        Math.Max(Minimum, (int)Math.Ceiling(RushDemand(options, index) * holdTime.TotalSeconds * options.Staffing));

    private static TimeSpan Mean((TimeSpan Min, TimeSpan Max) range) => (range.Min + range.Max) / 2;
}
