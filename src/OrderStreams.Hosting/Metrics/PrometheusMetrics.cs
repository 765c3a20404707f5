using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace OrderStreams.Hosting.Metrics;

/// <summary>
/// The Prometheus exporter on its own, for hosts that are not services (the dev platform's dashboard):
/// <see cref="ServiceDefaults"/> uses the same two calls.
/// </summary>
public static class PrometheusMetrics
{
    /// <summary>Adds the exporter of the meters chosen by <see cref="MetricsOptions"/> (section <c>Metrics</c>).</summary>
    public static TBuilder AddPrometheusMetrics<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.AddValidatedOptions<MetricsOptions>(MetricsOptions.Section);
        builder.Services.AddSingleton<PrometheusExporter>();
        return builder;
    }

    /// <summary>Maps <c>GET /metrics</c> (Prometheus text format 0.0.4).</summary>
    public static IEndpointRouteBuilder MapPrometheusMetrics(this IEndpointRouteBuilder endpoints)
    {
        // Resolved now, not on the first scrape, so that it counts from the start.
        var exporter = endpoints.ServiceProvider.GetRequiredService<PrometheusExporter>();
        endpoints.MapGet("/metrics", (HttpContext context) => exporter.WriteAsync(context.Response, context.RequestAborted))
            .ExcludeFromDescription();
        return endpoints;
    }
}
