namespace OrderStreams.Platform;

/// <summary>
/// When a crashed service is started again, as Kubernetes' CrashLoopBackOff does: after <see cref="InitialDelay"/>,
/// doubling with each crash up to <see cref="MaxDelay"/>, back to the start once a run lasted <see cref="StableAfter"/>;
/// given up when <see cref="MaxCrashes"/> crashes fall within <see cref="Window"/>.
/// </summary>
public sealed class RestartPolicy
{
    private readonly Queue<DateTimeOffset> recent = new();
    private int backoffStep;

    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan StableAfter { get; init; } = TimeSpan.FromMinutes(1);

    public int MaxCrashes { get; init; } = 5;

    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The delay before starting again after a crash at <paramref name="at"/> of a run that lasted <paramref name="upFor"/>, or null to give up.</summary>
    public TimeSpan? OnCrash(DateTimeOffset at, TimeSpan upFor)
    {
        if (upFor >= StableAfter) backoffStep = 0;
        recent.Enqueue(at);
        while (recent.Peek() < at - Window) recent.Dequeue();
        if (recent.Count >= MaxCrashes) return null;
        var delay = InitialDelay * Math.Pow(2, backoffStep);
        backoffStep++;
        return delay < MaxDelay ? delay : MaxDelay;
    }

    /// <summary>Forgets the crashes: the service was started or stopped on request.</summary>
    public void Reset()
    {
        recent.Clear();
        backoffStep = 0;
    }
}
