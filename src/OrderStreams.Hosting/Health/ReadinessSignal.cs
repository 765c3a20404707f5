using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OrderStreams.Hosting.Health;

/// <summary>
/// A readiness check that something else switches: not ready (with a reason) until <see cref="SetReady"/>.
/// Register it with <c>AddHealthChecks().AddCheck(name, signal, tags: [HealthTags.Ready])</c>.
/// </summary>
public sealed class ReadinessSignal(string initialReason = "starting") : IHealthCheck
{
    private volatile string? notReadyReason = initialReason;

    public bool IsReady => notReadyReason is null;

    public void SetReady() => notReadyReason = null;

    public void SetNotReady(string reason) => notReadyReason = reason;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(notReadyReason is { } reason ? HealthCheckResult.Unhealthy(reason) : HealthCheckResult.Healthy());
}
