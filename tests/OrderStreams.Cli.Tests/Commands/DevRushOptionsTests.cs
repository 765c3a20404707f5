using OrderStreams.Cli.Commands;

namespace OrderStreams.Cli.Tests.Commands;

public sealed class DevRushOptionsTests
{
    [Theory]
    [InlineData(0.5, 60, 15, "--rush-multiplier must be at least 1")]
    [InlineData(double.NaN, 60, 15, "--rush-multiplier must be at least 1")]
    [InlineData(3, 0, 15, "--rush-every must be a positive number of seconds")]
    [InlineData(3, 60, -1, "--rush-seconds must be a positive number of seconds")]
    [InlineData(3, 60, 60, "--rush-seconds (60) must be shorter than --rush-every (60)")]
    [InlineData(3, 20, 30, "--rush-seconds (30) must be shorter than --rush-every (20)")]
    public void Problem_OptionsThatMakeNoRushSchedule_SayWhichOptionAndWhy(double multiplier, double every, double seconds, string expected)
    {
        var problem = new DevRushOptions(multiplier, every, seconds).Problem;

        Assert.NotNull(problem);
        Assert.StartsWith(expected, problem);
    }

    [Fact]
    public void ApplyTo_ValidOptions_SetTheSimulatorsRushSchedule()
    {
        var rush = new DevRushOptions(4, 90, 30);

        var simulator = rush.ApplyTo(new Simulator.SimulatorOptions { OrdersPerSecond = 2 });

        Assert.Null(rush.Problem);
        Assert.Equal(2, simulator.OrdersPerSecond);
        Assert.Equal(4, simulator.RushMultiplier);
        Assert.Equal(TimeSpan.FromSeconds(90), simulator.RushEvery);
        Assert.Equal(TimeSpan.FromSeconds(30), simulator.RushLength);
    }

    [Fact]
    public void Dev_RushLongerThanItsPeriod_ExitsWithUsageAndOneLineBeforeStartingAnything()
    {
        var (exitCode, output, errors) = Cli.Run("dev", "--rush-every", "30", "--rush-seconds", "45");

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Equal("", output);
        Assert.Equal("orderstreams: --rush-seconds (45) must be shorter than --rush-every (30), so the lag can drain between rushes.", errors.Trim());
    }
}
