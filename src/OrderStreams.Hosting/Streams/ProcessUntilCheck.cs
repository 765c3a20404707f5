using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrderStreams.Streams;

namespace OrderStreams.Hosting.Streams;

/// <summary>
/// <c>/readyz</c> of a service run with <c>Streams:ProcessUntil</c> (a replay as of a time): degraded, which still
/// counts as ready, while source partitions are not done with the bound; healthy once every one is, so a replay's
/// operator (or <c>orderstreams replay</c>) can tell when its views are complete.
/// </summary>
internal sealed class ProcessUntilCheck(KafkaStreams streams, StreamsConfig config) : IHealthCheck
{
    public const string Name = "process-until";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var until = config.ProcessUntil!.Value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
        var remaining = streams.ProcessUntilRemaining;
        return Task.FromResult(streams.ProcessUntilReached
            ? HealthCheckResult.Healthy($"reached {until}: every source partition is processed up to it")
            : HealthCheckResult.Degraded(remaining < 0
                ? $"processing until {until}: partitions are being assigned or restored"
                : $"processing until {until}: {remaining} source partition(s) left"));
    }
}
