using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrderStreams.Hosting.Health;
using OrderStreams.Streams;

namespace OrderStreams.Hosting.Streams;

/// <summary>
/// <c>/readyz</c> for a streams service: not ready while the application starts, stops or failed (the hosted
/// service's <see cref="ReadinessSignal"/>), nor while its partitions are being assigned or its stores restored.
/// </summary>
internal sealed class StreamsReadinessCheck(ReadinessSignal lifecycle, KafkaStreams streams) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var lifecycleResult = await lifecycle.CheckHealthAsync(context, cancellationToken);
        if (lifecycleResult.Status == HealthStatus.Unhealthy) return lifecycleResult;
        if (streams.TasksRunning) return HealthCheckResult.Healthy();
        var restoring = streams.RestoringPartitions();
        return HealthCheckResult.Unhealthy(restoring.Count == 0
            ? "waiting for partitions"
            : $"restoring state stores: {restoring.Sum(r => r.ToRestore - r.Restored)} changelog records left in {restoring.Count} store partitions");
    }
}
