namespace OrderStreams.Platform;

/// <summary>
/// Folds samples into each instance's peak and latest lag. A running fold rather than a look at the monitor's history,
/// because a run may last longer than the history keeps.
/// </summary>
public sealed class LagPeaks
{
    private readonly Dictionary<string, ServiceLagSummary> byInstance = new();
    private DateTimeOffset? firstSample;

    /// <summary>Every instance seen so far, in order of application id.</summary>
    public IReadOnlyList<ServiceLagSummary> Services => byInstance.Values.OrderBy(s => s.ApplicationId, StringComparer.Ordinal).ToList();

    public static IReadOnlyList<ServiceLagSummary> Of(IEnumerable<PlatformSample> samples)
    {
        var peaks = new LagPeaks();
        foreach (var sample in samples) peaks.Add(sample);
        return peaks.Services;
    }

    public void Add(PlatformSample sample)
    {
        firstSample ??= sample.At;
        var atSeconds = (sample.At - firstSample.Value).TotalSeconds;
        foreach (var service in sample.Services)
        {
            var seen = byInstance.GetValueOrDefault(service.ApplicationId);
            byInstance[service.ApplicationId] = seen is null || service.Lag > seen.PeakLag
                ? new ServiceLagSummary(service.Service, service.ApplicationId, service.Lag, atSeconds, sample.Simulator.Rush, service.Lag)
                : seen with { LastLag = service.Lag };
        }
    }
}
