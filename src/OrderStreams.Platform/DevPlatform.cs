using OrderStreams.Platform.Dashboard;
using OrderStreams.Kafka.Embedded;
using OrderStreams.OrderFlow;
using OrderStreams.SchemaRegistry;
using OrderStreams.SchemaRegistry.Server;
using OrderStreams.Simulator;
using OrderStreams.Simulator.Kafka;
using OrderStreams.Kafka.Clients;

namespace OrderStreams.Platform;

/// <summary>
/// Everything <c>orderstreams dev</c> runs on one machine: the embedded broker and schema registry, every topology
/// service as its own process, the traffic simulator, the monitor and the web dashboard with the platform's control
/// API and query gateway. Stops in reverse order.
/// </summary>
public sealed class DevPlatform : IAsyncDisposable
{
    private static readonly TimeSpan ReadinessWait = TimeSpan.FromMinutes(3);

    private readonly List<object> started = [];
    private CancellationTokenSource? simulation;
    private Task? simulationLoop;

    private DevPlatform()
    {
    }

    public required EmbeddedKafka Kafka { get; init; }

    public required EmbeddedSchemaRegistry Registry { get; init; }

    public required string StateDirectory { get; init; }

    public required BranchRoutingTable BranchRouting { get; init; }

    public ServiceFleet Fleet { get; private set; } = null!;

    public TrafficSimulator Simulator { get; private set; } = null!;

    public PlatformMonitor Monitor { get; private set; } = null!;

    public DashboardServer Dashboard { get; private set; } = null!;

    /// <summary>The lines other tools need, in the order the platform prints them (bootstrap.servers first).</summary>
    public IEnumerable<string> ConnectionLines =>
        Kafka.ConnectionLines.Concat([$"{EmbeddedSchemaRegistry.UrlSetting}={Registry.Url}", $"{BranchRoutingSetting}={BranchRouting}", $"{DashboardServer.UrlSetting}={Dashboard.Url}"]);

    /// <summary>The connection line with the services' branch routing (hot branches on partitions of their own).</summary>
    public const string BranchRoutingSetting = "branch.routing";

    public static async Task<DevPlatform> StartAsync(DevPlatformOptions options, string repositoryRoot)
    {
        // The embedded broker keeps its log in memory, so state built from an earlier run's log would lie.
        var serviceState = Path.Combine(options.StateDirectory, "state");
        if (Directory.Exists(serviceState)) Directory.Delete(serviceState, recursive: true);

        var kafka = EmbeddedKafka.Start(brokers: 3, manifestPath: null);
        EmbeddedSchemaRegistry registry;
        try
        {
            registry = await EmbeddedSchemaRegistry.StartAsync(Path.Combine(options.StateDirectory, "registry"));
        }
        catch
        {
            kafka.Dispose();
            throw;
        }

        var platform = new DevPlatform { Kafka = kafka, Registry = registry, StateDirectory = options.StateDirectory, BranchRouting = options.BranchRouting };
        try
        {
            await platform.StartRestAsync(options, repositoryRoot);
            ConnectionFile.Write(options.StateDirectory, platform.ConnectionLines);
            return platform;
        }
        catch
        {
            await platform.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        ConnectionFile.Delete(StateDirectory);
        await StopTrafficAsync();
        simulation?.Dispose();
        started.Reverse();
        foreach (var part in started)
        {
            switch (part)
            {
                case IAsyncDisposable asyncPart:
                    await asyncPart.DisposeAsync();
                    break;
                case IDisposable syncPart:
                    syncPart.Dispose();
                    break;
            }
        }
        await Registry.DisposeAsync();
        Kafka.Dispose();
    }

    private async Task StartRestAsync(DevPlatformOptions options, string repositoryRoot)
    {
        var clusterSettings = new Dictionary<string, string> { ["bootstrap.servers"] = Kafka.Cluster.BootstrapServers };
        var clients = new KafkaClientFactory(new KafkaClientSettings(
            clusterSettings,
            // The embedded broker holds a fetch that finds nothing for fetch.wait.max.ms, even when records arrive meanwhile.
            Consumer: new Dictionary<string, string> { ["fetch.wait.max.ms"] = "10" }));
        var registryClient = Started(new SchemaRegistrySettings { Url = Registry.Url.ToString() }.CreateClient());

        // The city's branches and drivers go out first: the services load them into their global tables as they start.
        var sink = Started(new KafkaTrafficSink(
            clients, registryClient, RoutedPartitioner.For(Kafka.Manifest, options.BranchRouting)));
        Simulator = new TrafficSimulator(options.Simulator, sink, DateTimeOffset.UtcNow);
        sink.Flush(TimeSpan.FromSeconds(10));

        var environment = new Dictionary<string, string>
        {
            ["Kafka__BootstrapServers"] = Kafka.Cluster.BootstrapServers,
            ["Kafka__EmbeddedAdminUrl"] = Kafka.Control.Url.ToString(),
            ["Kafka__ConsumerSettings__fetch.wait.max.ms"] = "10",
            // The embedded broker drops a member that left only after its session timeout; app reset waits for that.
            ["Kafka__ConsumerSettings__session.timeout.ms"] = "6000",
            ["SchemaRegistry__Url"] = Registry.Url.ToString(),
            [BranchRoutingTable.Section] = options.BranchRouting.ToString(),
            // The simulation runs a minute of business a second: unpaid orders must expire at its pace.
            ["PaymentCompletion__PaymentTimeout"] = options.Simulator.PaymentDeadline.ToString("c"),
            ["PaymentCompletion__ExpiryCheckInterval"] = "00:00:01",
            ["PaymentCompletion__IdleAfter"] = "00:00:02",
            // Full kitchens make orders wait a few seconds before another branch is asked; two minutes (two hours of
            // business) before one is rejected, so a service restarted after a crash does not turn orders into rejections.
            ["BranchAssignment__CapacityWait"] = "00:00:05",
            ["BranchAssignment__AssignmentTimeout"] = "00:02:00",
            ["BranchAssignment__DeadlineCheckInterval"] = "00:00:01",
            ["BranchAssignment__IdleAfter"] = "00:00:02",
        };
        Fleet = Started(new ServiceFleet(repositoryRoot, options.Configuration, environment, options.StateDirectory));
        foreach (var spec in ServiceCatalog.All) Fleet.Start(spec, spec.Name);

        var feed = Started(new DriverAssignmentFeed(clients, registryClient, $"orderstreams-driver-app-{Guid.NewGuid():N}"));
        simulation = new CancellationTokenSource();
        simulationLoop = SimulateOnceReadyAsync(sink, feed, simulation.Token);

        var deadLetterTopics = Kafka.Manifest.Topics.Where(t => t.Name.EndsWith(".dlq", StringComparison.Ordinal)).ToDictionary(t => t.Name, t => t.Partitions);
        var funnel = Started(new FunnelCounter(clients, registryClient, deadLetterTopics));
        Monitor = Started(new PlatformMonitor(clusterSettings, Fleet, funnel, Simulator.Stats, Kafka.Manifest.Topics));
        Dashboard = Started(await DashboardServer.StartAsync(this, options.DashboardPort));
    }

    /// <summary>Stops the simulated traffic (orders, payments, pings, the driver app), so the topics go quiet.</summary>
    public async Task StopTrafficAsync()
    {
        if (simulation is null) return;
        await simulation.CancelAsync();
        if (simulationLoop is not null) await simulationLoop;
    }

    /// <summary>Customers start ordering once every service is ready, so start-up does not pile a backlog onto the kitchens.</summary>
    private async Task SimulateOnceReadyAsync(KafkaTrafficSink sink, DriverAssignmentFeed feed, CancellationToken stop)
    {
        var deadline = DateTime.UtcNow + ReadinessWait;
        try
        {
            while (!await AllReadyAsync(stop) && DateTime.UtcNow < deadline) await Task.Delay(TimeSpan.FromMilliseconds(250), stop);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        if (DateTime.UtcNow >= deadline)
            await Console.Error.WriteLineAsync($"Not every service was ready within {ReadinessWait.TotalSeconds:F0} s; starting the traffic anyway (see the service logs).");
        await SimulationRunner.RunAsync(Simulator, sink, feed, stop);
    }

    /// <summary>Whether every service instance runs and answers its readiness probe.</summary>
    public async Task<bool> AllReadyAsync(CancellationToken stop)
    {
        foreach (var service in Fleet.Instances)
        {
            if (!await service.IsReadyAsync(stop)) return false;
        }
        return true;
    }

    private T Started<T>(T part)
        where T : notnull
    {
        started.Add(part);
        return part;
    }
}
