namespace OrderStreams.Hosting.Health;

/// <summary>Tags that put a health check behind <c>/healthz</c> or <c>/readyz</c>.</summary>
public static class HealthTags
{
    /// <summary>Checked by <c>/healthz</c>: failing means the process should be restarted.</summary>
    public const string Live = "live";

    /// <summary>Checked by <c>/readyz</c>: failing means the service should get no traffic yet (e.g. state stores still restoring).</summary>
    public const string Ready = "ready";
}
