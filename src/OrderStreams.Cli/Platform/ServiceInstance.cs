namespace OrderStreams.Cli.Platform;

/// <summary>One service run under one application id on the dev platform; its process comes and goes with start and stop.</summary>
internal sealed class ServiceInstance(ServiceSpec spec, string applicationId, IReadOnlyDictionary<string, string> settings)
{
    private ServiceProcess? process;

    public ServiceSpec Spec { get; } = spec;

    public string ApplicationId { get; } = applicationId;

    /// <summary>Configuration of its own (a replay's bound and view topic), given on every start.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; } = settings;

    public bool IsRunning => process is { HasExited: false };

    /// <summary>Where its HTTP endpoints listen while it runs.</summary>
    public Uri? Url => IsRunning ? process!.Url : null;

    /// <summary>running, stopped (on request) or exited (on its own).</summary>
    public string Lifecycle => IsRunning ? "running" : process is null ? "stopped" : "exited";

    /// <summary>Whether it runs and its <c>/readyz</c> answers 200 (its state is restored and it processes).</summary>
    public Task<bool> IsReadyAsync(CancellationToken cancellationToken) =>
        process is { HasExited: false } running ? running.IsReadyAsync(cancellationToken) : Task.FromResult(false);

    public void Attach(ServiceProcess started)
    {
        process?.Dispose();
        process = started;
    }

    /// <summary>Stops the process (SIGTERM: it commits and leaves its group) and waits for it.</summary>
    public void Stop()
    {
        process?.Dispose();
        process = null;
    }
}
