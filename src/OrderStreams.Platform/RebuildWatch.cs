using System.Collections.Concurrent;
using OrderStreams.Operations.Lag;
using OrderStreams.Operations.Rebuild;

namespace OrderStreams.Platform;

/// <summary>
/// The rebuilds the platform follows (an application reset, a blue/green rebuild, a replay), so the dashboard shows
/// their progress and <c>orderstreams_rebuild_in_progress</c> tells lag alerts that this lag is expected.
/// </summary>
/// <remarks>Trackers are made and read on the monitor's thread, which owns the lag reader.</remarks>
public sealed class RebuildWatch
{
    private readonly ConcurrentQueue<(ServiceSpec Spec, string ApplicationId, string Kind, DateTimeOffset? CompleteFrom)> requested = new();
    private readonly Dictionary<string, (CatchUpTracker Tracker, RebuildSample Sample)> followed = new(StringComparer.Ordinal);
    private volatile IReadOnlyList<RebuildSample> current = [];

    public IReadOnlyList<RebuildSample> Current => current;

    /// <summary>Follows <paramref name="applicationId"/> from now: its targets are what its inputs hold now.</summary>
    /// <param name="completeFrom">From when its view is complete, when its log lost earlier records.</param>
    public void Follow(ServiceSpec spec, string applicationId, string kind, DateTimeOffset? completeFrom = null) =>
        requested.Enqueue((spec, applicationId, kind, completeFrom));

    public void Update(LagReader lag)
    {
        while (requested.TryDequeue(out var request))
        {
            var tracker = new CatchUpTracker(lag, request.Spec.Application(request.ApplicationId));
            followed[request.ApplicationId] = (tracker, new RebuildSample(
                request.Spec.Name, request.ApplicationId, request.Kind, DateTimeOffset.UtcNow, 0, 0, 0, 0, null, false, request.CompleteFrom));
        }
        foreach (var (applicationId, (tracker, sample)) in followed.ToList())
        {
            if (sample.CaughtUp) continue;
            var progress = tracker.Update();
            followed[applicationId] = (tracker, sample with
            {
                Done = progress.Done,
                Total = progress.Total,
                Fraction = progress.Fraction,
                RecordsPerSecond = progress.RecordsPerSecond,
                EtaSeconds = progress.Eta?.TotalSeconds,
                CaughtUp = progress.CaughtUp,
            });
        }
        current = followed.Values.Select(f => f.Sample).OrderBy(s => s.StartedAt).ToList();
    }
}
