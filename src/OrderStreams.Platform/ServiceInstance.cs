namespace OrderStreams.Platform;

/// <summary>
/// One service run under one application id on the dev platform; its process comes and goes with start and stop. A
/// process that exits without a stop request crashed: the supervisor starts it again after the delay of its
/// <see cref="RestartPolicy"/>, or gives up and keeps its last log lines. Its owner, <see cref="ServiceFleet"/>, calls it
/// under its lock.
/// </summary>
public sealed class ServiceInstance(ServiceSpec spec, string applicationId, IReadOnlyDictionary<string, string> settings)
{
    private readonly RestartPolicy policy = new();
    private ServiceProcess? process;
    private DateTimeOffset? restartAt;

    public ServiceSpec Spec { get; } = spec;

    public string ApplicationId { get; } = applicationId;

    /// <summary>Configuration of its own (a replay's bound and view topic, a partial history's start), given on every start.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; private set; } = settings;

    public bool IsRunning => process is { HasExited: false };

    /// <summary>Where its HTTP endpoints listen while it runs.</summary>
    public Uri? Url => IsRunning ? process!.Url : null;

    /// <summary>When its current process started.</summary>
    public DateTimeOffset? StartedAt => process?.StartedAt;

    /// <summary>Its process id while it runs.</summary>
    public int? ProcessId => IsRunning ? process!.Id : null;

    /// <summary>How often the supervisor started it again after a crash.</summary>
    public int Restarts { get; private set; }

    /// <summary>The supervisor gave up on it after repeated crashes; <see cref="LastLines"/> says why.</summary>
    public bool GaveUp { get; private set; }

    /// <summary>The last log lines of its latest crash (empty while it has not crashed).</summary>
    public IReadOnlyList<string> LastLines { get; private set; } = [];

    /// <summary>running, stopped (on request), restarting in Ns (crashed, started again soon) or crashed (given up).</summary>
    public string Lifecycle => IsRunning ? "running"
        : GaveUp ? "crashed"
        : restartAt is { } at ? $"restarting in {Math.Max(0, Math.Ceiling((at - DateTimeOffset.UtcNow).TotalSeconds)):F0}s"
        : process is null ? "stopped" : "exited";

    /// <summary>Whether it runs and its <c>/readyz</c> answers 200 (its state is restored and it processes).</summary>
    public Task<bool> IsReadyAsync(CancellationToken cancellationToken) =>
        process is { HasExited: false } running ? running.IsReadyAsync(cancellationToken) : Task.FromResult(false);

    /// <summary>Whether a crash is waiting for its restart and the delay has passed.</summary>
    public bool RestartDue(DateTimeOffset now) => restartAt <= now && !IsRunning;

    /// <summary>Sets (or, with null, removes) one of its <see cref="Settings"/> for its next starts.</summary>
    public void Configure(string key, string? value)
    {
        var changed = Settings.Where(s => s.Key != key).ToDictionary();
        if (value is not null) changed[key] = value;
        Settings = changed;
    }

    /// <summary>Takes a started process; <paramref name="restart"/> when the supervisor started it after a crash.</summary>
    public void Attach(ServiceProcess started, bool restart)
    {
        process?.Dispose();
        process = started;
        restartAt = null;
        GaveUp = false;
        if (restart) Restarts++;
        else policy.Reset();
    }

    /// <summary>
    /// Notices a crash (its process exited, not on request): schedules the restart or gives up. Returns what happened,
    /// for the console, or null when there is nothing new.
    /// </summary>
    public string? Supervise(DateTimeOffset now)
    {
        if (process is not { HasExited: true } exited || restartAt is not null || GaveUp) return null;
        var upFor = now - exited.StartedAt;
        var what = $"{ApplicationId} exited with code {exited.ExitCode} after {upFor.TotalSeconds:F0} s";
        LastLines = exited.LastLines;
        if (policy.OnCrash(now, upFor) is { } delay)
        {
            restartAt = now + delay;
            return $"{what}; restarting in {delay.TotalSeconds:F0} s (restart {Restarts + 1}).";
        }
        GaveUp = true;
        return $"{what}, its {policy.MaxCrashes}th crash within {policy.Window.TotalMinutes:F0} min; not restarting it "
               + $"(app start {ApplicationId} tries again). Its last lines:{Environment.NewLine}{string.Join(Environment.NewLine, LastLines)}";
    }

    /// <summary>The supervisor could not start it again (its build is gone, say): it stays down with the reason.</summary>
    public void GiveUp(string reason)
    {
        restartAt = null;
        GaveUp = true;
        LastLines = [reason];
    }

    /// <summary>
    /// Lets go of its process so that it is not restarted; the caller stops it (<see cref="ServiceProcess.Dispose"/>:
    /// SIGTERM, so it commits and leaves its group) outside the fleet's lock.
    /// </summary>
    public ServiceProcess? Detach()
    {
        var detached = process;
        process = null;
        restartAt = null;
        GaveUp = false;
        policy.Reset();
        return detached;
    }
}
