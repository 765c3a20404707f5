using OrderStreams.Operations.Lag;
using OrderStreams.Simulator;

namespace OrderStreams.Cli.Platform;

/// <summary>
/// Samples the running platform once a second from the outside — consumer-group offsets, readiness endpoints, the
/// funnel — and keeps the last ten minutes for the charts.
/// </summary>
internal sealed class PlatformMonitor : IAsyncDisposable
{
    private const int HistoryLength = 600;
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    private readonly IReadOnlyList<ServiceProcess> services;
    private readonly FunnelCounter funnel;
    private readonly SimulationStats? simulator;
    private readonly LagReader lag;
    private readonly Lock gate = new();
    private readonly Queue<PlatformSample> history = new();
    private readonly Dictionary<string, (DateTimeOffset At, long Committed)> lastCommitted = new();
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public PlatformMonitor(IEnumerable<KeyValuePair<string, string>> kafkaSettings, IReadOnlyList<ServiceProcess> services, FunnelCounter funnel, SimulationStats? simulator)
    {
        this.services = services;
        this.funnel = funnel;
        this.simulator = simulator;
        lag = new LagReader(kafkaSettings);
        loop = Task.Run(RunAsync);
    }

    public PlatformSample? Latest
    {
        get
        {
            lock (gate) return history.LastOrDefault();
        }
    }

    public IReadOnlyList<PlatformSample> History
    {
        get
        {
            lock (gate) return history.ToList();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        lag.Dispose();
        stop.Dispose();
    }

    private async Task RunAsync()
    {
        using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1));
        do
        {
            var sample = await SampleAsync();
            lock (gate)
            {
                history.Enqueue(sample);
                if (history.Count > HistoryLength) history.Dequeue();
            }
        }
        while (await Next(tick));
    }

    private async Task<bool> Next(PeriodicTimer tick)
    {
        try
        {
            return await tick.WaitForNextTickAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<PlatformSample> SampleAsync()
    {
        var samples = new List<ServiceSample>();
        foreach (var service in services) samples.Add(await SampleAsync(service));
        var counts = simulator is null
            ? new SimulatorCounts(0, 0, 0, 0, 0)
            : new SimulatorCounts(simulator.OrdersPlaced, simulator.PaymentEvents, simulator.Pings, simulator.PickedUp, simulator.Delivered);
        return new PlatformSample(DateTimeOffset.UtcNow, funnel.Snapshot(), samples, counts);
    }

    private async Task<ServiceSample> SampleAsync(ServiceProcess service)
    {
        var state = service.HasExited ? "exited" : await ReadinessAsync(service.Url);
        var group = lag.Read(service.Spec.Name, service.Spec.InputTopics);
        var committed = group.Partitions.Sum(p => p.CommittedOffset ?? 0);
        var rate = 0.0;
        if (lastCommitted.TryGetValue(service.Spec.Name, out var previous) && group.At > previous.At)
            rate = Math.Max(0, committed - previous.Committed) / (group.At - previous.At).TotalSeconds;
        lastCommitted[service.Spec.Name] = (group.At, committed);
        var byPartition = group.Partitions.GroupBy(p => p.Partition).OrderBy(g => g.Key).Select(g => g.Sum(p => p.Lag)).ToList();
        return new ServiceSample(service.Spec.Name, state, group.TotalLag, group.MaxLagTime.TotalSeconds, rate, byPartition);
    }

    private static async Task<string> ReadinessAsync(Uri url)
    {
        try
        {
            using var response = await Http.GetAsync(new Uri(url, "/readyz"));
            return response.IsSuccessStatusCode ? "running" : "restoring";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return "starting";
        }
    }
}
