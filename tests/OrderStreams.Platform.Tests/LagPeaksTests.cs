namespace OrderStreams.Platform.Tests;

public sealed class LagPeaksTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 24, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Of_LagThatRoseDuringARushAndDrained_GivesThePeakWhenItCameAndTheLastLag()
    {
        var samples = new[]
        {
            Sample(0, rush: false, ("denormaliser", 3), ("branch-assignment", 1)),
            Sample(1, rush: true, ("denormaliser", 40), ("branch-assignment", 7)),
            Sample(2, rush: true, ("denormaliser", 120), ("branch-assignment", 7)),
            Sample(3, rush: false, ("denormaliser", 120), ("branch-assignment", 2)),
            Sample(4, rush: false, ("denormaliser", 5), ("branch-assignment", 0)),
        };

        var summary = LagPeaks.Of(samples);

        Assert.Equal(
            [
                new ServiceLagSummary("branch-assignment", "branch-assignment", 7, 1, true, 0),
                new ServiceLagSummary("denormaliser", "denormaliser", 120, 2, true, 5),
            ],
            summary);
    }

    [Fact]
    public void Of_InstancesThatCameAndWent_KeepTheirOwnPeakAndLastLag()
    {
        var samples = new[]
        {
            Sample(10, rush: false, ("denormaliser", 8)),
            Sample(11, rush: false, ("denormaliser", 2), ("denormaliser-v2", 900)),
            Sample(12, rush: false, ("denormaliser-v2", 30)),
        };

        var summary = LagPeaks.Of(samples);

        Assert.Equal(
            [
                new ServiceLagSummary("denormaliser", "denormaliser", 8, 0, false, 2),
                new ServiceLagSummary("denormaliser", "denormaliser-v2", 900, 1, false, 30),
            ],
            summary);
    }

    [Fact]
    public void Of_NoSamples_NoServices() => Assert.Empty(LagPeaks.Of([]));

    private static PlatformSample Sample(double seconds, bool rush, params (string ApplicationId, long Lag)[] lags) => new(
        Start.AddSeconds(seconds),
        new Funnel(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
        lags.Select(l => new ServiceSample(ServiceOf(l.ApplicationId), l.ApplicationId, "running", true, l.Lag, 0, 0, [l.Lag], [], 0, []))
            .ToList(),
        new SimulatorCounts(0, 0, 0, 0, 0, rush ? 15 : 5, rush),
        [],
        [],
        []);

    private static string ServiceOf(string applicationId) => applicationId.Replace("-v2", "", StringComparison.Ordinal);
}
