using System.Diagnostics;
using OrderStreams.Platform;
using OrderStreams.Contracts.Events;
using OrderStreams.Kafka.Clients;
using OrderStreams.SchemaRegistry;
using OrderStreams.Simulator.Kafka;

namespace OrderStreams.Bench.Pipeline;

/// <summary>
/// The four services as separate processes (as <c>orderstreams dev</c> runs them, with their appsettings) on the
/// embedded broker and registry, fed with <see cref="BenchCity"/> traffic.
/// </summary>
public sealed class ServicePipeline : IAsyncDisposable
{
    private readonly List<IDisposable> parts = [];
    private readonly KafkaTrafficSink orders;
    private readonly BenchDriverApp driverApp;

    private ServicePipeline(IReadOnlyList<ServiceProcess> services, KafkaTrafficSink orders, BenchDriverApp driverApp)
    {
        Services = services;
        this.orders = orders;
        this.driverApp = driverApp;
    }

    public IReadOnlyList<ServiceProcess> Services { get; }

    public static async Task<ServicePipeline> StartAsync(EmbeddedKafka kafka, Uri registryUrl, string stateDirectory, string configuration, CancellationToken cancellation)
    {
        var registry = new SchemaRegistrySettings { Url = registryUrl.ToString() }.CreateClient();
        var clients = new KafkaClientFactory(KafkaClientSettings.For(kafka.Cluster.BootstrapServers));
        var orders = new KafkaTrafficSink(clients, registry);
        var now = DateTimeOffset.UtcNow;
        for (var b = 0; b < BenchCity.Branches; b++)
        {
            orders.Publish("branches", BenchCity.BranchId(b), BenchCity.Branch(b, now), now);
            for (var d = 0; d < BenchCity.DriversPerBranch; d++) orders.Publish("drivers.status", BenchCity.BranchId(b), BenchCity.Available(b, d, now), now);
        }
        orders.Flush(TimeSpan.FromSeconds(30));

        var environment = new Dictionary<string, string>
        {
            ["Kafka__BootstrapServers"] = kafka.Cluster.BootstrapServers,
            ["Kafka__EmbeddedAdminUrl"] = kafka.Control.Url.ToString(),
            ["Kafka__ConsumerSettings__fetch.wait.max.ms"] = "10",
            ["SchemaRegistry__Url"] = registryUrl.ToString(),
        };
        var services = ServiceCatalog.All.Select(spec => ServiceProcess.Start(
            spec, spec.Name, Checkout.Root(), configuration,
            new Dictionary<string, string>(environment) { ["Streams__StateDir"] = Path.Combine(stateDirectory, "state", spec.Name) },
            Path.Combine(stateDirectory, "logs"))).ToList();
        var deliveries = new KafkaTrafficSink(clients, registry);
        var pipeline = new ServicePipeline(services, orders, new BenchDriverApp(kafka.Cluster.BootstrapServers, registry, deliveries));
        pipeline.parts.AddRange([deliveries, orders, registry]);
        try
        {
            var deadline = Stopwatch.StartNew();
            while (!await AllReadyAsync(services, cancellation))
            {
                if (services.FirstOrDefault(s => s.HasExited) is { } exited) throw new InvalidOperationException($"{exited.Spec.Name} exited; see {Path.Combine(stateDirectory, "logs")}.");
                if (deadline.Elapsed > TimeSpan.FromMinutes(5)) throw new TimeoutException("The services were not ready within 5 minutes.");
                await Task.Delay(250, cancellation);
            }
            return pipeline;
        }
        catch
        {
            await pipeline.DisposeAsync();
            throw;
        }
    }

    /// <summary>Orders at <paramref name="ordersPerSecond"/>, evenly spaced, each timed from its OrderPlaced until its driver is assigned.</summary>
    public async Task<LatencySamples> MeasureLatencyAsync(int ordersPerSecond, TimeSpan duration, CancellationToken cancellation)
    {
        await Pacing.WarmUpAsync(i => Send(i), () => driverApp.Assigned > 0, "the services", cancellation);
        var samples = new LatencySamples();
        driverApp.Latencies = samples;
        var total = await Pacing.SendEvenlyAsync(ordersPerSecond, duration, i => Send(i), cancellation);
        var drain = Stopwatch.StartNew();
        while (samples.Count < total && drain.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(20, cancellation);
        driverApp.Latencies = null;
        return samples;
    }

    /// <summary>
    /// Sends <paramref name="count"/> orders as fast as the producer takes them and measures, between 10% and 90% of
    /// them, how fast orders get a driver and how fast their delivered view comes out of the denormaliser.
    /// </summary>
    public async Task<(double Assigned, double Denormalised)> MeasureThroughputAsync(int count, CancellationToken cancellation)
    {
        var (assignedBefore, deliveredBefore) = (driverApp.Assigned, driverApp.DeliveredViews);
        var sending = Task.Run(() =>
        {
            for (var i = 0; i < count; i++) Send(i, timed: false);
            orders.Flush(TimeSpan.FromSeconds(60));
        }, cancellation);
        var assigned = new RateWindow(count);
        var denormalised = new RateWindow(count);
        var deadline = Stopwatch.StartNew();
        while (!(assigned.Done && denormalised.Done))
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(10))
                throw new TimeoutException($"In 10 minutes {driverApp.Assigned - assignedBefore:N0} of {count:N0} orders got a driver, {driverApp.DeliveredViews - deliveredBefore:N0} were denormalised.");
            assigned.Observe(driverApp.Assigned - assignedBefore);
            denormalised.Observe(driverApp.DeliveredViews - deliveredBefore);
            await Task.Delay(5, cancellation);
        }
        await sending;
        return (assigned.PerSecond, denormalised.PerSecond);
    }

    public async ValueTask DisposeAsync()
    {
        driverApp.Dispose();
        await Task.WhenAll(Services.Select(s => Task.Run(s.Dispose)));
        foreach (var part in parts) part.Dispose();
    }

    private void Send(int i, bool timed = true)
    {
        var now = DateTimeOffset.UtcNow;
        var order = BenchCity.Order(i, now);
        if (timed) driverApp.Sent(order.OrderId);
        orders.Publish("orders.placed", order.BranchId, order, now);
        orders.Publish("payments", order.BranchId, BenchCity.Capture(order, now), now);
    }

    private static async Task<bool> AllReadyAsync(IEnumerable<ServiceProcess> services, CancellationToken cancellation)
    {
        foreach (var service in services)
        {
            if (!await service.IsReadyAsync(cancellation)) return false;
        }
        return true;
    }
}
