using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;
using OrderStreams.Streams;

namespace OrderStreams.Hosting.Telemetry;

/// <summary>Tracing every service shares: the streams runtime's spans, parent-based ratio sampling, OTLP export when configured.</summary>
internal static class ServiceTracing
{
    public const string OtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Listens to the runtime's spans, so records carry <c>traceparent</c> even when nothing is exported, and exports
    /// them over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the other standard <c>OTEL_*</c> variables apply).
    /// </summary>
    public static void AddServiceTracing(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<TracingOptions>(TracingOptions.Section);
        var exportOtlp = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpoint]);
        builder.Services.AddOpenTelemetry().WithTracing(tracing =>
        {
            tracing.AddSource(StreamsTelemetry.ActivitySourceName)
                .SetSampler(sp => new ParentBasedSampler(new TraceIdRatioBasedSampler(sp.GetRequiredService<IOptions<TracingOptions>>().Value.SamplingRatio)));
            if (exportOtlp) tracing.AddOtlpExporter();
        });
    }
}
