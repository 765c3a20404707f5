using System.Text;
using Confluent.Kafka;
using OrderStreams.Contracts.Events;
using OrderStreams.Contracts.Views;
using OrderStreams.Native;
using OrderStreams.Operations.Lag;
using OrderStreams.SchemaRegistry.Client;
using OrderStreams.SchemaRegistry.Serdes;
using OrderStreams.Testing;

namespace OrderStreams.Cli.Tests;

/// <summary>
/// <c>orderstreams dev</c> as a user starts it (embedded broker and registry, the four services as processes, the
/// traffic simulator) at a low order rate, shared by the tests that need the real pipeline.
/// </summary>
public sealed class DevPlatformFixture : IDisposable
{
    private static readonly TimeSpan Startup = TimeSpan.FromMinutes(4);

    // What the platform runs (the CLI's service catalog) and what each service consumes.
    private static readonly (string Name, string[] Inputs)[] Services =
    [
        ("payment-completion", ["orders.placed", "payments"]),
        ("branch-assignment", ["orders.placed", "orders.paid", "branch-assignment.requests", "deliveries"]),
        ("driver-assignment", ["orders.branch-assigned", "drivers.status", "deliveries"]),
        ("denormaliser", ["orders.placed", "payments", "orders.paid", "orders.branch-assigned", "orders.driver-assigned", "deliveries"]),
    ];
    private readonly string stateDirectory = Path.Combine(Path.GetTempPath(), $"orderstreams-dev-{Guid.NewGuid():N}");
    private readonly ChildProcess dev;

    public DevPlatformFixture()
    {
        // The tests' own clients load the OS's librdkafka as the CLI does.
        NativeLibraries.EnsureKafka();
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        dev = ChildProcess.StartDotnet(
            RepositoryPaths.AssemblyOf("src/OrderStreams.Cli", "orderstreams"),
            ["dev", "--state-dir", stateDirectory, "--orders-per-second", "2", "--configuration", configuration]);
        var settings = new Dictionary<string, string>();
        dev.WaitForLine(_ => settings.ContainsKey("bootstrap.servers") && settings.ContainsKey("schema.registry.url"), Startup, line =>
        {
            if (line.Split('=', 2) is [var key, var value]) settings[key] = value;
        });
        BootstrapServers = settings["bootstrap.servers"];
        SchemaRegistryUrl = settings["schema.registry.url"];
    }

    public string BootstrapServers { get; }

    public string SchemaRegistryUrl { get; }

    /// <summary>The connection options every CLI command against the platform gets.</summary>
    public string[] Connection => ["--bootstrap-servers", BootstrapServers, "--schema-registry-url", SchemaRegistryUrl];

    public SchemaRegistryClient Registry() => new(new SchemaRegistryClientConfig { Url = SchemaRegistryUrl });

    public ConsumerConfig ConsumerConfig() => new()
    {
        BootstrapServers = BootstrapServers,
        GroupId = EmbeddedKafkaFixture.UniqueName("test-reader"),
        AutoOffsetReset = AutoOffsetReset.Earliest,
        EnableAutoCommit = false,
    };

    /// <summary>
    /// Waits until the services have caught up with the simulator, then until an order placed after that is delivered;
    /// returns its id.
    /// </summary>
    /// <remarks>
    /// While driver-assignment works off the start-up backlog of driver pings, an assignment carries the timestamp of
    /// the (older) ping that made it possible, so an order's events would not be in time order; in the steady state
    /// they are.
    /// </remarks>
    public Guid WaitForSteadyStateDeliveredOrder()
    {
        var deadline = DateTime.UtcNow + Startup;
        while (!CaughtUp())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The services did not catch up within {Startup}. Platform stderr: {dev.Errors}");
            Thread.Sleep(1000);
        }
        var steadyFrom = DateTimeOffset.UtcNow;
        using var registry = Registry();
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(ConsumerConfig()).Build();
        var (orders, deliveries) = (new AvroDeserializer<OrderPlaced>(registry), new AvroDeserializer<DeliveryEvent>(registry));
        var (placedLater, delivered) = (new HashSet<Guid>(), new HashSet<Guid>());
        consumer.Subscribe(["orders.placed", "deliveries"]);
        while (DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(500)) is not { Message.Value: { } value } record) continue;
            if (record.Topic == "orders.placed" && orders.Deserialize(value, record.Topic) is { } order && order.PlacedAt > steadyFrom) placedLater.Add(order.OrderId);
            if (record.Topic == "deliveries" && deliveries.Deserialize(value, record.Topic) is { Step: OrderDelivered } delivery) delivered.Add(delivery.OrderId);
            if (placedLater.Intersect(delivered).FirstOrDefault() is var id && id != Guid.Empty) return id;
        }
        throw new TimeoutException($"No order placed after {steadyFrom:O} was delivered by {deadline:O}. Platform stderr: {dev.Errors}");
    }

    // Every service within a few seconds of its inputs.
    private bool CaughtUp()
    {
        using var lag = new LagReader([new("bootstrap.servers", BootstrapServers)]);
        return Services.All(s => lag.Read(s.Name, s.Inputs) is { Partitions.Count: > 0 } reading && reading.MaxLagTime < TimeSpan.FromSeconds(5));
    }

    /// <summary>Waits until the denormaliser's view of the order has reached <paramref name="status"/>.</summary>
    public void WaitForView(Guid orderId, OrderStatus status)
    {
        using var registry = Registry();
        var views = new AvroDeserializer<OrderView>(registry);
        var deadline = DateTime.UtcNow + Startup;
        while (!Mentioning("orders.view", orderId).Any(r => views.Deserialize(r.Message.Value, r.Topic).Status == status))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The view of {orderId} did not reach {status} within {Startup}.");
            Thread.Sleep(500);
        }
    }

    /// <summary>Every record of a topic up to its current end.</summary>
    public List<ConsumeResult<byte[], byte[]>> ReadAll(string topic)
    {
        var config = ConsumerConfig();
        config.EnablePartitionEof = true;
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = BootstrapServers }).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics[0].Partitions.Select(p => new TopicPartition(topic, p.PartitionId)).ToList();
        var ends = partitions.ToDictionary(p => p, p => consumer.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10)).High.Value);
        var open = ends.Where(e => e.Value > 0).ToDictionary(e => e.Key, e => e.Value);
        consumer.Assign(open.Keys.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));
        var records = new List<ConsumeResult<byte[], byte[]>>();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (open.Count > 0 && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is not { } record || !open.TryGetValue(record.TopicPartition, out var end)) continue;
            // The end can be a transaction marker, never delivered: the EOF event ends the partition then.
            if (!record.IsPartitionEOF && record.Offset.Value < end) records.Add(record);
            if (record.IsPartitionEOF ? record.Offset.Value >= end : record.Offset.Value + 1 >= end) open.Remove(record.TopicPartition);
        }
        return records;
    }

    /// <summary>The records of <paramref name="topic"/> whose value contains the order id's bytes.</summary>
    public List<ConsumeResult<byte[], byte[]>> Mentioning(string topic, Guid orderId)
    {
        var needle = Encoding.UTF8.GetBytes(orderId.ToString());
        return ReadAll(topic).Where(r => r.Message.Value?.AsSpan().IndexOf(needle) >= 0).ToList();
    }

    public void Dispose()
    {
        dev.Stop(TimeSpan.FromMinutes(1));
        dev.Dispose();
        Directory.Delete(stateDirectory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class DevPlatformCollection : ICollectionFixture<DevPlatformFixture>
{
    public const string Name = "dev platform";
}
