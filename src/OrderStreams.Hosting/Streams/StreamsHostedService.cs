using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderStreams.Hosting.Health;
using OrderStreams.Native;
using OrderStreams.Streams;

namespace OrderStreams.Hosting.Streams;

/// <summary>
/// Runs the service's <see cref="KafkaStreams"/> with the host: starts it in the background (so /healthz answers
/// while topics are set up and global tables load), closes it on stop within <see cref="StreamsOptions.CloseTimeoutSeconds"/>,
/// and keeps readiness in step with its state.
/// </summary>
internal sealed class StreamsHostedService(
    KafkaStreams streams,
    ReadinessSignal readiness,
    IOptions<StreamsOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<StreamsHostedService> logger) : IHostedService
{
    private Task? starting;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        streams.StateChanged += OnStateChanged;
        starting = Task.Run(() => StartStreamsAsync(lifetime.ApplicationStopping), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        readiness.SetNotReady("stopping");
        var timeout = TimeSpan.FromSeconds(options.Value.CloseTimeoutSeconds);
        if (starting is not null) await Task.WhenAny(starting, Task.Delay(timeout, cancellationToken)).ConfigureAwait(false);
        if (!await Task.Run(() => streams.Close(timeout), CancellationToken.None).ConfigureAwait(false))
            logger.LogWarning("The stream threads did not close within {Timeout}", timeout);
    }

    private async Task StartStreamsAsync(CancellationToken stopping)
    {
        try
        {
            // Which librdkafka runs this service, and why that build, is the first thing to know when a client misbehaves.
            var librdkafka = NativeLibraries.EnsureKafka();
            logger.LogInformation(
                "librdkafka {Version} loaded from {Path}, {Variant} build: {Reason}; features {Features}",
                librdkafka.Version, librdkafka.Path, librdkafka.Variant, librdkafka.Reason, librdkafka.Features);
            await streams.StartAsync(stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // A service that cannot run its topology is of no use: stop the host so the supervisor restarts it.
            logger.LogCritical(e, "The streams application could not start; stopping the service");
            lifetime.StopApplication();
        }
    }

    private void OnStateChanged(KafkaStreamsState state, KafkaStreamsState previous)
    {
        if (state == KafkaStreamsState.Running) readiness.SetReady();
        else readiness.SetNotReady($"streams {state.ToString().ToLowerInvariant()}");
        if (state == KafkaStreamsState.Error)
        {
            logger.LogCritical(streams.Failure, "The streams application failed; stopping the service");
            lifetime.StopApplication();
        }
    }
}
