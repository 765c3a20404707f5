namespace OrderStreams.Simulator.Tests;

public sealed class RushScheduleTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 24, 18, 0, 0, TimeSpan.Zero);

    private static readonly SimulatorOptions Options = new()
    {
        OrdersPerSecond = 4,
        RushMultiplier = 2.5,
        RushEvery = TimeSpan.FromSeconds(60),
        RushLength = TimeSpan.FromSeconds(15),
    };

    [Theory]
    [InlineData(0, false)]
    [InlineData(44.9, false)]
    [InlineData(45, true)]
    [InlineData(59.9, true)]
    [InlineData(60, false)]
    [InlineData(104.9, false)]
    [InlineData(105, true)]
    public void At_RushIsTheLastRushLengthOfEveryPeriod(double secondsSinceStart, bool inRush)
    {
        var rate = RushSchedule.At(Options, TimeSpan.FromSeconds(secondsSinceStart));

        Assert.Equal(inRush, rate.InRush);
        Assert.Equal(inRush ? 10 : 4, rate.OrdersPerSecond);
    }

    [Fact]
    public void Stats_Rate_FollowsTheScheduleAsTheSimulationAdvances()
    {
        var simulator = new TrafficSimulator(Options, new RecordingSink(), Start);
        Assert.Equal(TrafficRate.NotStarted, simulator.Stats.Rate);

        simulator.Start(Start);
        Assert.Equal(new TrafficRate(4, false), simulator.Stats.Rate);

        simulator.AdvanceTo(Start.AddSeconds(50));
        Assert.Equal(new TrafficRate(10, true), simulator.Stats.Rate);

        simulator.AdvanceTo(Start.AddSeconds(61));
        Assert.Equal(new TrafficRate(4, false), simulator.Stats.Rate);
    }

    [Fact]
    public void PlacedOrders_ComeFasterDuringTheRush()
    {
        var sink = new RecordingSink();
        var simulator = new TrafficSimulator(Options with { BranchClosingEvery = null, DriverRenameEvery = null }, sink, Start);
        simulator.Start(Start);
        simulator.AdvanceTo(Start.AddMinutes(10));

        var placed = sink.On<Contracts.Events.OrderPlaced>(TrafficTopics.OrdersPlaced)
            .Select(o => RushSchedule.At(Options, o.PlacedAt - Start).InRush)
            .ToList();
        // Ten periods: 150 s of rush at 10/s against 450 s at 4/s, about 1500 against 1800 orders.
        var perRushSecond = placed.Count(inRush => inRush) / 150.0;
        var perQuietSecond = placed.Count(inRush => !inRush) / 450.0;
        Assert.InRange(perRushSecond / perQuietSecond, 2, 3);
    }
}
