using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;

namespace OrderStreams.Hosting.Metrics;

/// <summary>
/// <c>/metrics</c> from OpenTelemetry's Prometheus exporter, for services and for hosts that are not services (the
/// dev platform's dashboard): <see cref="ServiceDefaults"/> uses the same two calls.
/// </summary>
public static class PrometheusMetrics
{
    private static readonly double[] SecondsBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private static readonly Dictionary<string, string> PromtoolNames = new(StringComparer.Ordinal)
    {
        ["dotnet.assembly.count"] = "dotnet.assemblies.loaded",
        ["dotnet.process.cpu.count"] = "dotnet.process.cpus",
        ["dotnet.thread_pool.thread.count"] = "dotnet.thread_pool.threads",
        ["dotnet.timer.count"] = "dotnet.timers",
    };

    /// <summary>
    /// Exports the meters named by <see cref="MetricsOptions"/> (section <c>Metrics</c>) with .NET's runtime and ASP.NET
    /// Core's metrics. OpenTelemetry listens by meter name to the whole process: create meters from the host's
    /// <see cref="IMeterFactory"/> so that they live and die with the host.
    /// </summary>
    public static TBuilder AddPrometheusMetrics<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.AddValidatedOptions<MetricsOptions>(MetricsOptions.Section);
        var options = builder.Configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new MetricsOptions();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            foreach (var meter in options.EffectiveMeters) metrics.AddMeter(meter);
            metrics.AddRuntimeInstrumentation()
                .AddAspNetCoreInstrumentation()
                .AddView(instrument => StreamOf(instrument, options.MaxSeriesPerMetric))
                // Every scrape reads the instruments anew, as the docs promise: the default cache (300 ms) would serve
                // a scrape taken right after a change (a partition revoked, a restore finished) from before it.
                .AddPrometheusExporter(exporter => exporter.ScrapeResponseCacheDurationMilliseconds = 0);
        });
        return builder;
    }

    /// <summary>
    /// One view for every instrument (several matching views would export it several times): at most
    /// <paramref name="maxSeries"/> series; duration histograms in seconds without bucket advice get buckets from 1 ms
    /// to 10 s (OpenTelemetry's default ones are for milliseconds); .NET's gauges named <c>….count</c> are renamed, as
    /// promtool refuses a <c>_count</c> suffix outside histograms and summaries.
    /// </summary>
    private static MetricStreamConfiguration StreamOf(Instrument instrument, int maxSeries) => instrument switch
    {
        Histogram<double> { Unit: "s", Advice: null } => new ExplicitBucketHistogramConfiguration { Boundaries = SecondsBuckets, CardinalityLimit = maxSeries },
        _ => new MetricStreamConfiguration { Name = PromtoolNames.GetValueOrDefault(instrument.Name), CardinalityLimit = maxSeries },
    };

    /// <summary>Maps <c>GET /metrics</c> (Prometheus text format 0.0.4).</summary>
    public static IEndpointRouteBuilder MapPrometheusMetrics(this IEndpointRouteBuilder endpoints)
    {
        // GET only, as a scrape is: other methods get the 405 problem every endpoint gives.
        endpoints.MapPrometheusScrapingEndpoint("/metrics").WithMetadata(new HttpMethodMetadata([HttpMethods.Get]));
        return endpoints;
    }
}
