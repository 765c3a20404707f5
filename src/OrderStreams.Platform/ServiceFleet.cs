namespace OrderStreams.Platform;

/// <summary>
/// The service instances of the dev platform, what Deployments are on Kubernetes: each runs one service under one
/// application id, its name or a rebuilt version (<c>denormaliser-v2</c>). A stopped instance stays listed, since its
/// group still lags; a retired one is gone with its local state. For each service that serves queries one instance is
/// the query route, where the platform's query gateway forwards. Like docker-compose's <c>restart: unless-stopped</c>,
/// it supervises them: an instance whose process exits without a stop request starts again (see <see cref="ServiceInstance"/>).
/// </summary>
public sealed partial class ServiceFleet : IDisposable
{
    /// <summary>The setting that tells a rebuilt service from when its view is complete (the runtime's Streams:CompleteFrom).</summary>
    public const string CompleteFromSetting = "Streams:CompleteFrom";

    private const int EventsKept = 20;
    private static readonly TimeSpan SupervisionInterval = TimeSpan.FromMilliseconds(250);

    private readonly string repositoryRoot;
    private readonly string configuration;
    private readonly IReadOnlyDictionary<string, string> environment;
    private readonly string stateDirectory;
    private readonly Lock gate = new();
    private readonly List<ServiceInstance> instances = [];
    private readonly Dictionary<string, string> queryRoutes = new(StringComparer.Ordinal);
    private readonly Queue<string> events = new();
    private readonly CancellationTokenSource stopSupervising = new();
    private readonly Task supervising;

    public ServiceFleet(string repositoryRoot, string configuration, IReadOnlyDictionary<string, string> environment, string stateDirectory)
    {
        this.repositoryRoot = repositoryRoot;
        this.configuration = configuration;
        this.environment = environment;
        this.stateDirectory = stateDirectory;
        supervising = Task.Run(SuperviseAsync);
    }

    /// <summary>How many supervisor events there were so far; <see cref="RecentEvents"/> holds the last of them.</summary>
    public int EventCount { get; private set; }

    /// <summary>What the supervisor did lately (crashes, restarts, giving up), oldest first, each with its UTC time.</summary>
    public IReadOnlyList<string> RecentEvents
    {
        get
        {
            lock (gate) return events.ToList();
        }
    }

    public IReadOnlyList<ServiceInstance> Instances
    {
        get
        {
            lock (gate) return instances.ToList();
        }
    }

    /// <summary>The <c>Streams:StateDir</c> of a service's instances; each application id has its own directory below it.</summary>
    public string StateDirectoryOf(ServiceSpec spec) => Path.Combine(stateDirectory, "state", spec.Name);

    /// <summary>
    /// Starts <paramref name="spec"/> as <paramref name="applicationId"/>, or returns it when it already runs.
    /// <paramref name="settings"/> (configuration keys such as <c>Streams:ProcessUntil</c>) make it a variant, a replay:
    /// it keeps them across restarts and never becomes the service's query route by itself.
    /// </summary>
    /// <exception cref="InvalidOperationException">The application id belongs to another service, or runs with other settings.</exception>
    /// <exception cref="InvalidDataException">A setting is not a configuration key.</exception>
    public ServiceInstance Start(ServiceSpec spec, string applicationId, IReadOnlyDictionary<string, string>? settings = null)
    {
        foreach (var key in settings?.Keys ?? [])
        {
            if (!ConfigurationKey().IsMatch(key)) throw new InvalidDataException($"'{key}' is not a configuration key such as Streams:ProcessUntil.");
        }
        lock (gate)
        {
            var instance = instances.FirstOrDefault(i => i.ApplicationId == applicationId);
            if (instance is not null && instance.Spec != spec)
                throw new InvalidOperationException($"Application id '{applicationId}' is an instance of {instance.Spec.Name}, not {spec.Name}.");
            if (instance is not null && settings is { Count: > 0 } && !SameSettings(instance.Settings, settings))
                throw new InvalidOperationException($"'{applicationId}' runs with other settings; retire it or choose another application id.");
            if (instance is { IsRunning: true }) return instance;
            var own = instance?.Settings ?? settings ?? new Dictionary<string, string>();
            var process = Launch(spec, applicationId, own);
            if (instance is null)
            {
                instance = new ServiceInstance(spec, applicationId, own);
                instances.Add(instance);
            }
            instance.Attach(process, restart: false);
            if (spec.ServesQueries && own.Count == 0) queryRoutes.TryAdd(spec.Name, applicationId);
            return instance;
        }
    }

    /// <summary>Stops the instance; the supervisor leaves it stopped.</summary>
    /// <exception cref="KeyNotFoundException">No such instance.</exception>
    public ServiceInstance Stop(string applicationId)
    {
        var instance = Find(applicationId);
        ServiceProcess? stopping;
        lock (gate) stopping = instance.Detach();
        stopping?.Dispose();
        return instance;
    }

    /// <summary>Stops the instance for good and deletes its local state.</summary>
    /// <exception cref="InvalidOperationException">It is still the query route of its service.</exception>
    public void Retire(string applicationId)
    {
        var instance = Find(applicationId);
        ServiceProcess? stopping;
        lock (gate)
        {
            if (queryRoutes.GetValueOrDefault(instance.Spec.Name) == applicationId)
                throw new InvalidOperationException($"'{applicationId}' still answers {instance.Spec.Name}'s queries; route them to another version first.");
            instances.Remove(instance);
            stopping = instance.Detach();
        }
        stopping?.Dispose();
        var state = Path.Combine(StateDirectoryOf(instance.Spec), applicationId);
        if (Directory.Exists(state)) Directory.Delete(state, recursive: true);
    }

    /// <summary>The instance whose queries the gateway forwards for <paramref name="service"/>.</summary>
    public string? QueryRoute(string service)
    {
        lock (gate) return queryRoutes.GetValueOrDefault(service);
    }

    /// <summary>Makes <paramref name="applicationId"/> answer its service's queries.</summary>
    /// <exception cref="InvalidOperationException">It does not run, or its service serves no queries.</exception>
    public void RouteQueries(string applicationId)
    {
        var instance = Find(applicationId);
        if (!instance.Spec.ServesQueries) throw new InvalidOperationException($"{instance.Spec.Name} serves no queries.");
        if (!instance.IsRunning) throw new InvalidOperationException($"'{applicationId}' is {instance.Lifecycle}; start it before routing queries to it.");
        lock (gate) queryRoutes[instance.Spec.Name] = applicationId;
    }

    /// <summary>
    /// Starts <paramref name="applicationId"/>, if the platform has it, with <see cref="CompleteFromSetting"/> =
    /// <paramref name="completeFrom"/> from now on (a rebuild from a log that lost earlier records), or without it.
    /// </summary>
    public void MarkCompleteFrom(string applicationId, DateTimeOffset? completeFrom)
    {
        lock (gate)
        {
            instances.FirstOrDefault(i => i.ApplicationId == applicationId)?.Configure(
                CompleteFromSetting, completeFrom is { } from ? Operations.History.HistoryReport.Text(from) : null);
        }
    }

    public ServiceInstance Find(string applicationId)
    {
        lock (gate)
        {
            return instances.FirstOrDefault(i => i.ApplicationId == applicationId)
                ?? throw new KeyNotFoundException($"The platform runs no instance '{applicationId}'; it has {string.Join(", ", instances.Select(i => i.ApplicationId))}.");
        }
    }

    private static bool SameSettings(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(s => b.TryGetValue(s.Key, out var value) && value == s.Value);

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z][A-Za-z0-9]*(:[A-Za-z0-9._-]+)+$")]
    private static partial System.Text.RegularExpressions.Regex ConfigurationKey();

    public void Dispose()
    {
        stopSupervising.Cancel();
        supervising.Wait();
        stopSupervising.Dispose();
        List<ServiceProcess> stopping;
        lock (gate) stopping = instances.Select(i => i.Detach()).OfType<ServiceProcess>().ToList();
        foreach (var process in stopping) process.Dispose();
    }

    private ServiceProcess Launch(ServiceSpec spec, string applicationId, IReadOnlyDictionary<string, string> settings)
    {
        var variables = new Dictionary<string, string>(environment) { ["Streams__StateDir"] = StateDirectoryOf(spec) };
        foreach (var (key, value) in settings) variables[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        return ServiceProcess.Start(spec, applicationId, repositoryRoot, configuration, variables, Path.Combine(stateDirectory, "logs"));
    }

    private async Task SuperviseAsync()
    {
        using var tick = new PeriodicTimer(SupervisionInterval);
        try
        {
            while (await tick.WaitForNextTickAsync(stopSupervising.Token)) Supervise(DateTimeOffset.UtcNow);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Supervise(DateTimeOffset now)
    {
        lock (gate)
        {
            foreach (var instance in instances)
            {
                if (instance.Supervise(now) is { } crash) Report(now, crash);
                if (!instance.RestartDue(now)) continue;
                try
                {
                    instance.Attach(Launch(instance.Spec, instance.ApplicationId, instance.Settings), restart: true);
                    Report(now, $"{instance.ApplicationId} started again (restart {instance.Restarts}).");
                }
                catch (Exception e) when (e is IOException or InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    instance.GiveUp(e.Message);
                    Report(now, $"{instance.ApplicationId} could not be started again: {e.Message}");
                }
            }
        }
    }

    private void Report(DateTimeOffset at, string what)
    {
        events.Enqueue($"[{at:HH:mm:ss}] {what}");
        if (events.Count > EventsKept) events.Dequeue();
        EventCount++;
    }
}
