using OrderStreams.Platform;

namespace OrderStreams.Cli.Tests.Platform;

public sealed class RestartPolicyTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void OnCrash_QuickCrashes_DoubleTheDelayUpToTheMaximum()
    {
        var policy = new RestartPolicy { MaxCrashes = 100, Window = TimeSpan.FromSeconds(10) };

        var delays = Enumerable.Range(0, 8).Select(i => policy.OnCrash(Start + TimeSpan.FromMinutes(i), TimeSpan.FromSeconds(2))).ToList();

        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30], delays.Select(d => d!.Value.TotalSeconds));
    }

    [Fact]
    public void OnCrash_AfterARunThatLastedAWhile_StartsAgainFromTheInitialDelay()
    {
        var policy = new RestartPolicy();
        policy.OnCrash(Start, TimeSpan.FromSeconds(3));
        policy.OnCrash(Start.AddSeconds(5), TimeSpan.FromSeconds(3));

        var afterStableRun = policy.OnCrash(Start.AddMinutes(3), TimeSpan.FromMinutes(2));

        Assert.Equal(TimeSpan.FromSeconds(1), afterStableRun);
    }

    [Fact]
    public void OnCrash_FifthCrashWithinTheWindow_GivesUp()
    {
        var policy = new RestartPolicy();

        var decisions = Enumerable.Range(0, 5).Select(i => policy.OnCrash(Start.AddSeconds(20 * i), TimeSpan.FromSeconds(5))).ToList();

        Assert.All(decisions.Take(4), d => Assert.NotNull(d));
        Assert.Null(decisions[4]);
    }

    [Fact]
    public void OnCrash_CrashesSpreadBeyondTheWindow_KeepsRestarting()
    {
        var policy = new RestartPolicy();

        var decisions = Enumerable.Range(0, 10).Select(i => policy.OnCrash(Start.AddMinutes(2 * i), TimeSpan.FromSeconds(5))).ToList();

        Assert.All(decisions, d => Assert.NotNull(d));
    }

    [Fact]
    public void Reset_AfterCrashes_ForgetsThem()
    {
        var policy = new RestartPolicy();
        for (var i = 0; i < 4; i++) policy.OnCrash(Start.AddSeconds(i), TimeSpan.Zero);

        policy.Reset();

        Assert.Equal(TimeSpan.FromSeconds(1), policy.OnCrash(Start.AddSeconds(5), TimeSpan.Zero));
    }
}
