using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using OrderStreams.Hosting.Health;
using OrderStreams.Hosting.Lifetime;
using OrderStreams.Hosting.Metrics;
using OrderStreams.Hosting.Problems;
using OrderStreams.Hosting.Telemetry;

namespace OrderStreams.Hosting;

/// <summary>
/// What every OrderStreams service shares: <c>builder.AddServiceDefaults()</c> before the service's own wiring,
/// <c>app.MapServiceDefaults()</c> after <c>Build()</c>.
/// </summary>
public static class ServiceDefaults
{
    /// <summary>
    /// Single-line console logging with UTC timestamps (level from <c>Logging:LogLevel</c>), OpenTelemetry metrics with
    /// the Prometheus exporter (<see cref="MetricsOptions"/>), OpenTelemetry tracing (<see cref="TracingOptions"/>; OTLP export when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set), the liveness check, problem+json error bodies, an exit by force when a
    /// stop outlasts the host's shutdown timeout, and with <c>Lifetime:StopWhenInputCloses=true</c> a stop when standard
    /// input ends (the supervisor that started the service is gone).
    /// </summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        AddLogging(builder);
        builder.AddPrometheusMetrics();
        builder.AddServiceTracing();
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [HealthTags.Live]);
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemResponses.Customize);
        builder.Services.AddSingleton<ShutdownDeadline>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ShutdownDeadline>());
        if (builder.Configuration.GetValue<bool>(StandardInputWatch.Setting)) builder.Services.AddHostedService<StandardInputWatch>();
        return builder;
    }

    /// <summary>
    /// Binds <typeparamref name="T"/> to configuration section <paramref name="section"/> (so environment variables
    /// <c>Section__Property</c> too), validates its data annotations and <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/>,
    /// and fails host start with every message when it is invalid.
    /// </summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IHostApplicationBuilder builder, string section)
        where T : class =>
        builder.Services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();

    /// <summary>
    /// Turns unhandled exceptions into a problem+json 500 without details and empty 4xx/5xx responses into
    /// problem+json, and maps <c>/healthz</c> (checks tagged <see cref="HealthTags.Live"/>), <c>/readyz</c>
    /// (checks tagged <see cref="HealthTags.Ready"/>; 503 until all pass) and <c>/metrics</c>.
    /// </summary>
    /// <remarks>Call it right after <c>Build()</c>, so the error handling covers the service's own middleware and endpoints.</remarks>
    public static WebApplication MapServiceDefaults(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = ProblemResponses.WriteUnhandled });
        app.UseStatusCodePages();
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthTags.Live),
            ResponseWriter = HealthResponses.WriteLiveness,
        });
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthTags.Ready),
            ResponseWriter = HealthResponses.WriteReadiness,
        });
        app.MapPrometheusMetrics();
        return app;
    }

    private static void AddLogging(IHostApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.IncludeScopes = false;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
        });

        // Per-request framework logs would drown the service's own at every scrape and probe; configuration can bring them back.
        const string aspNetCore = "Microsoft.AspNetCore";
        if (builder.Configuration[$"Logging:LogLevel:{aspNetCore}"] is null)
            builder.Logging.AddFilter(aspNetCore, LogLevel.Warning);
    }
}
