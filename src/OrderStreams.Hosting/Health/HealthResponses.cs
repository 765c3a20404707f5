using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OrderStreams.Hosting.Health;

/// <summary>Bodies of <c>/healthz</c> (plain <c>ok</c>) and <c>/readyz</c> (JSON naming each check and whether it is ready).</summary>
internal static class HealthResponses
{
    public static Task WriteLiveness(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(report.Status == HealthStatus.Unhealthy ? "unhealthy" : "ok");
    }

    /// <summary>
    /// <c>{"status":"not ready","checks":[{"name":"streams","ready":false,"status":"Unhealthy","description":"restoring state stores: 1200 changelog records left in 3 store partitions"}]}</c>;
    /// a degraded check counts as ready.
    /// </summary>
    public static async Task WriteReadiness(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.BodyWriter);
        json.WriteStartObject();
        json.WriteString("status", report.Status == HealthStatus.Unhealthy ? "not ready" : "ready");
        json.WriteStartArray("checks");
        foreach (var (name, entry) in report.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteBoolean("ready", entry.Status != HealthStatus.Unhealthy);
            json.WriteString("status", entry.Status.ToString());
            if (entry.Description is { } description)
                json.WriteString("description", description);
            else if (entry.Exception is not null)
                json.WriteString("description", "the check failed; see the service log");
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}
