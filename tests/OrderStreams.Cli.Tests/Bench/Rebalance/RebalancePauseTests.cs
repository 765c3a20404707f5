using OrderStreams.Bench.Rebalance;

namespace OrderStreams.Cli.Tests.Bench.Rebalance;

public sealed class RebalancePauseTests
{
    private static readonly DateTime Join = new(2026, 12, 7, 3, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Threshold = TimeSpan.FromMilliseconds(500);

    /// <summary>Processing every 20 ms from 2 s before the join to 5 s after it, except in <paramref name="gap"/> (ms after the join).</summary>
    private static List<DateTime> Steady((int From, int To)? gap = null) =>
        Enumerable.Range(-100, 350).Select(i => i * 20)
            .Where(ms => gap is not { } g || ms < g.From || ms > g.To)
            .Select(ms => Join.AddMilliseconds(ms)).ToList();

    [Fact]
    public void Measure_NoPartitionStalls_NoPause()
    {
        var pause = RebalancePause.Measure(2, new Dictionary<int, List<DateTime>> { [0] = Steady(), [1] = Steady() }, Join, Join.AddSeconds(5), Threshold);

        Assert.Equal(new RebalancePause(2, 0, 0, 0), pause);
    }

    [Fact]
    public void Measure_PartitionsStall_PauseEndsWhenTheLastResumes()
    {
        var processed = new Dictionary<int, List<DateTime>>
        {
            [0] = Steady((100, 1100)),
            [1] = Steady((300, 3000)),
            [2] = Steady((1000, 1200)),
        };

        var pause = RebalancePause.Measure(3, processed, Join, Join.AddSeconds(5), Threshold);

        Assert.Equal(2, pause.StalledPartitions);
        Assert.Equal(3020, pause.PauseMs, precision: 0);
        Assert.Equal(2740, pause.LongestStallMs, precision: 0);
    }

    [Fact]
    public void Measure_PartitionNeverProcessedAfterTheJoin_StallsUntilTheEnd()
    {
        var processed = new Dictionary<int, List<DateTime>> { [0] = Steady().Where(t => t <= Join).ToList() };

        var pause = RebalancePause.Measure(2, processed, Join, Join.AddSeconds(5), Threshold);

        Assert.Equal(1, pause.StalledPartitions);
        Assert.Equal(5000, pause.PauseMs, precision: 0);
        Assert.Equal(5000, pause.LongestStallMs, precision: 0);
    }
}
