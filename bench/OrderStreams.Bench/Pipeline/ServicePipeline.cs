using System.Diagnostics;
using Confluent.Kafka;
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
    private readonly StepTimes steps;
    private readonly EmbeddedKafka kafka;

    private ServicePipeline(IReadOnlyList<ServiceProcess> services, KafkaTrafficSink orders, BenchDriverApp driverApp, StepTimes steps, EmbeddedKafka kafka)
    {
        Services = services;
        this.orders = orders;
        this.driverApp = driverApp;
        this.steps = steps;
        this.kafka = kafka;
    }

    public IReadOnlyList<ServiceProcess> Services { get; }

    /// <param name="bench">The client settings the services and the bench's own clients share with the baseline, and where state goes.</param>
    /// <param name="driversPerBranch">Drivers of each branch: enough that no order waits for one at the rates measured.</param>
    public static async Task<ServicePipeline> StartAsync(
        EmbeddedKafka kafka, Uri registryUrl, BenchEnvironment bench, string configuration, int driversPerBranch, CancellationToken cancellation)
    {
        var registry = new SchemaRegistrySettings { Url = registryUrl.ToString() }.CreateClient();
        var clients = bench.Clients;
        var stateDirectory = bench.StateDirectory;
        var orders = new KafkaTrafficSink(clients, registry);
        var now = DateTimeOffset.UtcNow;
        for (var b = 0; b < BenchCity.Branches; b++)
        {
            orders.Publish("branches", BenchCity.BranchId(b), BenchCity.Branch(b, now), now);
            for (var d = 0; d < driversPerBranch; d++) orders.Publish("drivers.status", BenchCity.BranchId(b), BenchCity.Available(b, d, now), now);
        }
        orders.Flush(TimeSpan.FromSeconds(30));

        var environment = new Dictionary<string, string>
        {
            ["Kafka__BootstrapServers"] = kafka.Cluster.BootstrapServers,
            ["Kafka__EmbeddedAdminUrl"] = kafka.Control.Url.ToString(),
            ["SchemaRegistry__Url"] = registryUrl.ToString(),
        };
        foreach (var (key, value) in bench.ProducerSettings) environment[$"Kafka__ProducerSettings__{key}"] = value;
        foreach (var (key, value) in bench.ConsumerSettings) environment[$"Kafka__ConsumerSettings__{key}"] = value;
        var services = ServiceCatalog.All.Select(spec => ServiceProcess.Start(
            spec, spec.Name, Checkout.Root(), configuration,
            new Dictionary<string, string>(environment) { ["Streams__StateDir"] = Path.Combine(stateDirectory, "state", spec.Name) },
            Path.Combine(stateDirectory, "logs"))).ToList();
        var deliveries = new KafkaTrafficSink(clients, registry);
        var steps = new StepTimes(clients, registry);
        var pipeline = new ServicePipeline(services, orders, new BenchDriverApp(clients, registry, deliveries), steps, kafka);
        pipeline.parts.AddRange([steps, deliveries, orders, registry]);
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

    /// <summary>
    /// Orders at <paramref name="ordersPerSecond"/>, evenly spaced, each timed from its OrderPlaced until its driver is
    /// assigned, and over each step on the way.
    /// </summary>
    public async Task<PipelineLatency> MeasureLatencyAsync(int ordersPerSecond, TimeSpan duration, CancellationToken cancellation)
    {
        await Pacing.WarmUpAsync(i => Send(i), () => driverApp.Assigned > 0, "the services", cancellation);
        steps.Clear();
        var samples = new LatencySamples();
        driverApp.Latencies = samples;
        var total = await Pacing.SendEvenlyAsync(ordersPerSecond, duration, i => Send(i), cancellation);
        var drain = Stopwatch.StartNew();
        while (samples.Count < total && drain.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(20, cancellation);
        driverApp.Latencies = null;
        return new PipelineLatency(samples, steps.Latencies());
    }

    /// <summary>
    /// Sends <paramref name="count"/> orders as fast as the services take them — never more than
    /// <paramref name="inFlight"/> whose delivered view has not come out yet, so that drivers are freed as fast as they
    /// are taken and the queue holds no backlog — and measures, between 10% and 90% of them, how fast orders get a
    /// driver and how fast their delivered view comes out of the denormaliser; and what each service did meanwhile.
    /// </summary>
    public async Task<PipelineCapacity> MeasureCapacityAsync(int count, int inFlight, CancellationToken cancellation)
    {
        await QuietAsync(cancellation);
        using var watermarks = new KafkaClientFactory(KafkaClientSettings.For(kafka.Cluster.BootstrapServers))
            .CreateConsumer<Ignore, Ignore>($"bench-capacity-{Guid.NewGuid():N}");
        var before = await ReadCountersAsync(watermarks, cancellation);
        var benchCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var (assignedBefore, deliveredBefore) = (driverApp.Assigned, driverApp.DeliveredViews);
        long Delivered() => driverApp.DeliveredViews - deliveredBefore;
        var clock = Stopwatch.StartNew();
        var sending = Task.Run(() =>
        {
            for (var i = 0; i < count; i++)
            {
                while (i - Delivered() >= inFlight && !cancellation.IsCancellationRequested) Thread.Sleep(1);
                Send(i, timed: false);
            }
        }, cancellation);
        var assigned = new RateWindow(count);
        var denormalised = new RateWindow(count);
        while (Delivered() < count)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(10))
                throw new TimeoutException($"In 10 minutes {driverApp.Assigned - assignedBefore:N0} of {count:N0} orders got a driver, {Delivered():N0} were denormalised.");
            assigned.Observe(driverApp.Assigned - assignedBefore);
            denormalised.Observe(Delivered());
            await Task.Delay(5, cancellation);
        }
        var seconds = clock.Elapsed.TotalSeconds;
        await sending;
        var benchCpu = Process.GetCurrentProcess().TotalProcessorTime - benchCpuBefore;
        var after = await ReadCountersAsync(watermarks, cancellation);
        var costs = Services.Select((service, i) => after[i].Since(before[i], service.Spec.Name, seconds, count)).ToList();
        return new PipelineCapacity(assigned.PerSecond, denormalised.PerSecond, costs, benchCpu.TotalSeconds * 1000 / count);
    }

    /// <summary>Orders that found no free driver and waited in their branch's queue, from driver-assignment's own counter.</summary>
    public async Task<long> OrdersQueuedForDriverAsync(CancellationToken cancellation)
    {
        var driverAssignment = Services.Single(s => s.Spec.Name == "driver-assignment");
        var metrics = await ServiceCounters.MetricsAsync(driverAssignment, cancellation);
        return (long)ServiceCounters.Sum(metrics, "orderstreams_dispatch_orders_queued_total");
    }

    /// <summary>Waits until no delivered view has come out for a second, so one run's stragglers do not count in the next.</summary>
    private async Task QuietAsync(CancellationToken cancellation)
    {
        long last;
        do
        {
            last = driverApp.DeliveredViews;
            await Task.Delay(1000, cancellation);
        }
        while (driverApp.DeliveredViews != last);
    }

    private async Task<IReadOnlyList<ServiceCounters>> ReadCountersAsync(IConsumer<Ignore, Ignore> watermarks, CancellationToken cancellation)
    {
        var readings = new List<ServiceCounters>();
        foreach (var service in Services) readings.Add(await ServiceCounters.ReadAsync(service, watermarks, kafka.Manifest, cancellation));
        return readings;
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
        if (timed)
        {
            driverApp.Sent(order.OrderId);
            steps.Sent(order.OrderId);
        }
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
