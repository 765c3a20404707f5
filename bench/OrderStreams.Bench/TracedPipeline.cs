using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;
using OrderStreams.Streams;

namespace OrderStreams.Bench;

/// <summary>
/// A runtime pipeline with an OpenTelemetry tracer provider listening while it runs, as the services have one: the
/// runtime's spans sampled at <paramref name="ratio"/> (parent-based; the bench's records come without a trace, so each
/// starts one) and handed to a batch export processor whose exporter discards them, so the bench measures creating,
/// recording and queueing spans and not a collector.
/// </summary>
public sealed class TracedPipeline(string name, IPipelineUnderTest untraced, double ratio) : IPipelineUnderTest
{
    private TracerProvider? provider;

    public string Name => name;

    public bool OutputsTotals => untraced.OutputsTotals;

    public Task StartAsync(BenchEnvironment environment, string input, string output, CancellationToken cancellation)
    {
        provider = Sdk.CreateTracerProviderBuilder()
            .AddSource(StreamsTelemetry.ActivitySourceName)
            .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(ratio)))
            .AddProcessor(new BatchActivityExportProcessor(new DiscardingExporter()))
            .Build();
        return untraced.StartAsync(environment, input, output, cancellation);
    }

    public async ValueTask DisposeAsync()
    {
        await untraced.DisposeAsync();
        provider?.Dispose();
    }

    private sealed class DiscardingExporter : BaseExporter<Activity>
    {
        public override ExportResult Export(in Batch<Activity> batch) => ExportResult.Success;
    }
}
