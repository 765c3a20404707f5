using Confluent.Kafka;
using OrderStreams.Kafka.Topics;
using OrderStreams.Operations.History;
using OrderStreams.Operations.Lag;
using OrderStreams.Operations.Restore;
using OrderStreams.Simulator;

namespace OrderStreams.Platform;

/// <summary>
/// Samples the running platform once a second from the outside — consumer-group offsets of every instance, running
/// or stopped, readiness endpoints, the funnel, followed rebuilds — and keeps the last ten minutes for the charts.
/// Every ten seconds it also reads how much history each topic's log still holds.
/// </summary>
public sealed class PlatformMonitor : IAsyncDisposable
{
    private const int HistoryLength = 600;
    private const int SamplesPerHistoryCheck = 10;
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    private readonly ServiceFleet fleet;
    private readonly FunnelCounter funnel;
    private readonly SimulationStats? simulator;
    private readonly LagReader lag;
    private readonly HistoryChecker logHistory;
    private readonly IReadOnlyList<string> topics;
    private readonly Lock gate = new();
    private readonly Queue<PlatformSample> history = new();
    private readonly LagPeaks lagPeaks = new();
    private readonly Dictionary<string, (DateTimeOffset At, long Committed)> lastCommitted = new();
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private IReadOnlyList<GroupLag> readings = [];
    private IReadOnlyList<TopicHistory> topicHistory = [];
    private int samplesTaken;

    /// <param name="topics">The topics whose log history the platform shows (the manifest's).</param>
    public PlatformMonitor(
        IEnumerable<KeyValuePair<string, string>> kafkaSettings,
        ServiceFleet fleet,
        FunnelCounter funnel,
        SimulationStats? simulator,
        IReadOnlyList<TopicSpec> topics)
    {
        this.fleet = fleet;
        this.funnel = funnel;
        this.simulator = simulator;
        this.topics = topics.Select(t => t.Name).ToList();
        var settings = kafkaSettings.ToList();
        lag = new LagReader(settings);
        logHistory = new HistoryChecker(settings, HistoryChecker.Windowed(topics));
        loop = Task.Run(RunAsync);
    }

    public RebuildWatch Rebuilds { get; } = new();

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

    /// <summary>Per instance, the peak lag since the monitor started and the latest, however long ago the peak was.</summary>
    public IReadOnlyList<ServiceLagSummary> LagSummary
    {
        get
        {
            lock (gate) return lagPeaks.Services;
        }
    }

    /// <summary>The latest lag reading of every instance's group, per topic and partition (for <c>/metrics</c>).</summary>
    public IReadOnlyList<GroupLag> Readings
    {
        get
        {
            lock (gate) return readings;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        lag.Dispose();
        logHistory.Dispose();
        stop.Dispose();
    }

    private async Task RunAsync()
    {
        using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1));
        do
        {
            try
            {
                var (sample, groups) = await SampleAsync();
                lock (gate)
                {
                    history.Enqueue(sample);
                    if (history.Count > HistoryLength) history.Dequeue();
                    lagPeaks.Add(sample);
                    readings = groups;
                }
            }
            catch (KafkaException)
            {
                // A broker that is down or slow timed a request out: this sample is skipped, the next one tries again.
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

    private async Task<(PlatformSample Sample, IReadOnlyList<GroupLag> Groups)> SampleAsync()
    {
        var samples = new List<ServiceSample>();
        var groups = new List<GroupLag>();
        foreach (var instance in fleet.Instances)
        {
            var group = lag.Read(instance.ApplicationId, instance.Spec.InputTopics);
            groups.Add(group);
            samples.Add(await SampleAsync(instance, group));
        }
        Rebuilds.Update(lag);
        if (samplesTaken++ % SamplesPerHistoryCheck == 0) topicHistory = ReadTopicHistory();
        var counts = simulator is null
            ? new SimulatorCounts(0, 0, 0, 0, 0, 0, false)
            : Counts(simulator);
        return (new PlatformSample(DateTimeOffset.UtcNow, funnel.Snapshot(), samples, counts, Rebuilds.Current, fleet.RecentEvents, topicHistory), groups);
    }

    private static SimulatorCounts Counts(SimulationStats simulator)
    {
        var rate = simulator.Rate;
        return new SimulatorCounts(
            simulator.OrdersPlaced, simulator.PaymentEvents, simulator.Pings, simulator.PickedUp, simulator.Delivered,
            rate.OrdersPerSecond, rate.InRush);
    }

    // A topic that cannot be read now keeps its last reading: the dashboard shows history, not a hiccup.
    private IReadOnlyList<TopicHistory> ReadTopicHistory()
    {
        try
        {
            return logHistory.Check(topics).ByTopic();
        }
        catch (Exception e) when (e is Confluent.Kafka.KafkaException or TimeoutException or InvalidDataException)
        {
            return topicHistory;
        }
    }

    private async Task<ServiceSample> SampleAsync(ServiceInstance instance, GroupLag group)
    {
        var state = instance.Url is { } url ? await ReadinessAsync(url) : instance.Lifecycle;
        var committed = group.Partitions.Sum(p => p.CommittedOffset ?? 0);
        var rate = 0.0;
        if (lastCommitted.TryGetValue(instance.ApplicationId, out var previous) && group.At > previous.At)
            rate = Math.Max(0, committed - previous.Committed) / (group.At - previous.At).TotalSeconds;
        lastCommitted[instance.ApplicationId] = (group.At, committed);
        var byPartition = group.Partitions.GroupBy(p => p.Partition).OrderBy(g => g.Key).Select(g => g.Sum(p => p.Lag)).ToList();
        var serving = fleet.QueryRoute(instance.Spec.Name) == instance.ApplicationId;
        var restoring = state == "restoring" && instance.Url is { } metricsUrl ? await RestoringAsync(metricsUrl) : [];
        var lagSeconds = group.MaxLagTime.TotalSeconds;
        return new ServiceSample(instance.Spec.Name, instance.ApplicationId, state, serving, group.TotalLag, lagSeconds, rate, byPartition, restoring,
            instance.Restarts, instance.LastLines);
    }

    /// <summary>The store partitions an instance that is not ready yet restores, from its restore gauges.</summary>
    private static async Task<IReadOnlyList<PartitionRestore>> RestoringAsync(Uri url)
    {
        try
        {
            return RestoreScrape.Parse(await Http.GetStringAsync(new Uri(url, "/metrics")));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return [];
        }
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
