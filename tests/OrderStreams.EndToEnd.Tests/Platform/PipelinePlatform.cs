using System.Text.Json;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using OrderStreams.Contracts.Events;
using OrderStreams.Contracts.Views;
using OrderStreams.Kafka.Clients;
using OrderStreams.Kafka.Embedded;
using OrderStreams.Kafka.Topics;
using OrderStreams.SchemaRegistry;
using OrderStreams.SchemaRegistry.Server;
using OrderStreams.Simulator;
using OrderStreams.Simulator.Kafka;
using OrderStreams.Testing;
using OrderStreams.Testing.Brokers;

namespace OrderStreams.EndToEnd.Tests.Platform;

/// <summary>
/// The whole pipeline, shared by the tests of <see cref="PipelineCollection"/>: the test broker (Apache Kafka in Docker or
/// the embedded broker), the embedded schema registry, the four services as separate processes (two denormaliser instances, so queries are forwarded), and the
/// seeded simulator playing a busy day. Initialisation runs the day to its end in two steps: first until every order
/// is settled except a few whose driver jobs the driver app holds back (so some orders are live when the query API
/// is asked), then, with those released, until every order is settled. Tests compare what the pipeline made with
/// <see cref="Reference.ReferenceModel"/>.
/// </summary>
public sealed class PipelinePlatform : IAsyncLifetime
{
    public const int Orders = 2000;
    public const string HotBranch = "branch-00";
    public const string ShortStaffedBranch = "branch-03";
    public const string ClosedBranch = "branch-05";
    public const int MaxAttempts = 3;
    private const int HeldPerBranch = 2;

    /// <summary>The payment deadline the services run with: well beyond the provider's slowest callback (3 s).</summary>
    public static readonly TimeSpan PaymentTimeout = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(6);

    private readonly string workDirectory = Path.Combine(Path.GetTempPath(), $"orderstreams-e2e-{Guid.NewGuid():N}");
    private readonly List<ServiceInstance> services = [];
    private readonly Dictionary<string, int> heldAt = new();
    private TestBroker? broker;
    private EmbeddedSchemaRegistry? registry;
    private ISchemaRegistryClient? registryClient;
    private KafkaTrafficSink? kafkaSink;
    private DriverAssignmentFeed? feed;
    private TrafficDriver? traffic;
    private Task? poisoning;
    private OtlpTraceReceiver? traces;

    /// <summary>
    /// A busy day: 2,000 orders at 25 a second with rushes at three times that, 30% of them for the hot branch, whose
    /// kitchen takes 20 orders at once; 20 drivers a branch but one branch short of drivers (one driver, three kitchen places); one branch
    /// closed all day; every other kitchen has room for all orders (so only the hot and short-staffed branches can be
    /// full). Payments come early, twice, declined, for the wrong amount or never, in the simulator's usual shares.
    /// </summary>
    public static SimulatorOptions Scenario { get; } = new()
    {
        Seed = 2026,
        OrdersPerSecond = 25,
        MaxOrders = Orders,
        DriversPerBranch = 20,
        KitchenCapacity = 100_000,
        BranchKitchenCapacity = new Dictionary<string, int> { [HotBranch] = 20, [ShortStaffedBranch] = 3 },
        BranchDrivers = new Dictionary<string, int> { [ShortStaffedBranch] = 1 },
        ClosedBranches = new HashSet<string> { ClosedBranch },
        BranchClosingEvery = null,
        DriverRenameEvery = null,
        PingInterval = TimeSpan.FromSeconds(5),
        PickupDelay = (TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(1)),
        DeliveryDuration = (TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(1500)),
    };

    public string BootstrapServers => broker!.BootstrapServers;

    public TopicManifest Manifest { get; private set; } = null!;

    internal RecordedInputs Inputs { get; private set; } = null!;

    internal TrafficSimulator Simulator { get; private set; } = null!;

    internal TrafficDriver Traffic => traffic!;

    internal ViewFollower Views { get; private set; } = null!;

    internal QueryClient Queries { get; private set; } = null!;

    internal IReadOnlyList<ServiceInstance> Services => services;

    /// <summary>The jobs the driver app held back in the first step.</summary>
    internal IReadOnlyList<OrderDriverAssigned> HeldJobs { get; private set; } = [];

    /// <summary>Orders delivered when the first step ended.</summary>
    internal IReadOnlySet<Guid> DeliveredInFirstStep { get; private set; } = new HashSet<Guid>();

    /// <summary>The query API's answers in the first step, by path and query.</summary>
    internal IReadOnlyDictionary<string, JsonElement> FirstStepAnswers { get; private set; } = new Dictionary<string, JsonElement>();

    /// <summary>Records in each service's dead-letter topic once the valid traffic was processed.</summary>
    internal IReadOnlyDictionary<string, long> DeadLettersAfterValidTraffic { get; private set; } = new Dictionary<string, long>();

    internal ISchemaRegistryClient Registry => registryClient!;

    /// <summary>The spans the services export.</summary>
    internal OtlpTraceReceiver Traces => traces!;

    public async Task InitializeAsync()
    {
        broker = TestBroker.Start(embeddedBrokers: 1);
        Manifest = TopicManifest.Load(TopicManifest.Locate(RepositoryPaths.Root));
        foreach (var topic in Manifest.Topics) broker.CreateTopicNamed(topic.Name, topic.Partitions);
        registry = await EmbeddedSchemaRegistry.StartAsync(Path.Combine(workDirectory, "registry"));
        registryClient = new SchemaRegistrySettings { Url = registry.Url.ToString() }.CreateClient();
        traces = new OtlpTraceReceiver();

        // The city first, so that every service finds the branches in its global tables from the start.
        kafkaSink = new KafkaTrafficSink(new KafkaClientFactory(KafkaClientSettings.For(BootstrapServers)), registryClient);
        Inputs = new RecordedInputs(kafkaSink);
        Simulator = new TrafficSimulator(Scenario, Inputs, DateTimeOffset.UtcNow);
        kafkaSink.Flush(TimeSpan.FromSeconds(30));

        StartServices();
        await Eventually.Until(AllReadyAsync, Generous, () => "services ready: " + string.Join("\n", services.Select(s => s.LogTail(10))));
        Views = new ViewFollower(BootstrapServers, registryClient);
        Queries = new QueryClient(services.Where(s => s.Name == "denormaliser").Select(s => s.Url).ToList());

        var clients = new KafkaClientFactory(new KafkaClientSettings(
            new Dictionary<string, string> { ["bootstrap.servers"] = BootstrapServers },
            Consumer: new Dictionary<string, string> { ["fetch.wait.max.ms"] = "10" }));
        feed = new DriverAssignmentFeed(clients, registryClient, $"end-to-end-driver-app-{Guid.NewGuid():N}");
        traffic = new TrafficDriver(Simulator, kafkaSink, feed, HoldBack);
        traffic.Start();

        await Eventually.Until(() => Simulator.Stats.OrdersPlaced >= Orders, Generous, () => $"{Simulator.Stats.OrdersPlaced} orders placed");
        // Past every deadline, one more paid order per branch moves each task's stream time on, so unpaid orders expire.
        await Task.Delay(PaymentTimeout + TimeSpan.FromSeconds(2));
        await traffic.Do(s => s.City.Branches.Select(b => s.PlaceOrderNow(b.BranchId)).ToList());

        HeldJobs = await Eventually.Value(async () =>
        {
            var held = (await traffic.Held()).Select(j => j.OrderId).ToHashSet();
            return Settled(held) ? await traffic.Held() : null;
        }, Generous, () => Unsettled("first step"));
        DeliveredInFirstStep = Inputs.On<DeliveryEvent>(TrafficTopics.Deliveries).Where(d => d.Step is OrderDelivered).Select(d => d.OrderId).ToHashSet();
        FirstStepAnswers = await AskFirstStepQuestionsAsync();

        await traffic.ReleaseHeld();
        await Eventually.Until(() => Settled(new HashSet<Guid>()), Generous, () => Unsettled("second step"));
        DeadLettersAfterValidTraffic = CountDeadLetters();
    }

    public async Task DisposeAsync()
    {
        traffic?.Dispose();
        feed?.Dispose();
        Views?.Dispose();
        Queries?.Dispose();
        foreach (var service in services) service.Dispose();
        traces?.Dispose();
        kafkaSink?.Dispose();
        registryClient?.Dispose();
        if (registry is not null) await registry.DisposeAsync();
        broker?.Dispose();
        // The logs stay for a look after a failure; state and schemas go.
        foreach (var part in new[] { "state", "registry" })
        {
            try
            {
                Directory.Delete(Path.Combine(workDirectory, part), recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>The records each service's dead-letter topic holds now.</summary>
    internal IReadOnlyDictionary<string, long> CountDeadLetters()
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = BootstrapServers, GroupId = "end-to-end-dlq-count" }).Build();
        return Manifest.Topics.Where(t => t.Name.EndsWith(".dlq", StringComparison.Ordinal)).ToDictionary(t => t.Name, t =>
            Enumerable.Range(0, t.Partitions).Sum(p =>
            {
                var watermarks = consumer.QueryWatermarkOffsets(new TopicPartition(t.Name, p), TimeSpan.FromSeconds(10));
                return watermarks.High.Value - watermarks.Low.Value;
            }));
    }

    /// <summary>Produces <paramref name="value"/> once to each of <paramref name="topics"/> (later calls do nothing), keyed by a real branch.</summary>
    internal Task PoisonOnceAsync(IEnumerable<string> topics, byte[] value)
    {
        lock (services)
        {
            return poisoning ??= Task.Run(async () =>
            {
                using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = BootstrapServers }).Build();
                foreach (var topic in topics) await producer.ProduceAsync(topic, new Message<string, byte[]> { Key = "branch-01", Value = value });
            });
        }
    }

    internal string Diagnostics() => string.Join("\n\n", services.Select(s => s.LogTail()));

    private void StartServices()
    {
        var environment = new Dictionary<string, string>(broker!.ServiceEnvironment())
        {
            ["Kafka__ConsumerSettings__fetch.wait.max.ms"] = "10",
            ["SchemaRegistry__Url"] = registry!.Url.ToString(),
            ["Streams__CommitIntervalMs"] = "500",
            ["PaymentCompletion__PaymentTimeout"] = PaymentTimeout.ToString("c"),
            ["PaymentCompletion__ExpiryCheckInterval"] = "00:00:01",
            // A loaded machine can take seconds to answer a forwarded query.
            ["Denormaliser__ForwardTimeout"] = "00:00:20",
            ["BranchAssignment__MaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["BranchAssignment__CapacityWait"] = "00:00:02",
            ["BranchAssignment__AssignmentTimeout"] = "00:00:10",
            ["BranchAssignment__DeadlineCheckInterval"] = "00:00:01",
            ["BranchAssignment__IdleAfter"] = "00:00:02",
            ["PaymentCompletion__IdleAfter"] = "00:00:02",
            // Every span to the test's receiver, soon and none dropped (the exporter's queue holds 2,048 by default).
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = traces!.Endpoint.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "500",
            ["OTEL_BSP_MAX_QUEUE_SIZE"] = "1000000",
            ["OTEL_BSP_MAX_EXPORT_BATCH_SIZE"] = "8192",
        };
        foreach (var (name, project) in new[]
        {
            ("payment-completion", "PaymentCompletion"),
            ("branch-assignment", "BranchAssignment"),
            ("driver-assignment", "DriverAssignment"),
            ("denormaliser", "Denormaliser"),
            ("denormaliser", "Denormaliser"),
        })
        {
            services.Add(ServiceInstance.Start(name, $"services/OrderStreams.{project}", $"OrderStreams.{project}", environment, workDirectory));
        }
    }

    private async Task<bool> AllReadyAsync()
    {
        foreach (var service in services)
        {
            if (service.HasExited) throw new InvalidOperationException($"{service.Name} exited.\n{service.LogTail()}");
            if (!await service.IsReadyAsync()) return false;
        }
        return true;
    }

    /// <summary>Keeps back the first jobs of each branch whose order id ends in a multiple of 10, except at the branch with one driver.</summary>
    private bool HoldBack(OrderDriverAssigned job)
    {
        if (job.BranchId == ShortStaffedBranch || job.OrderId.ToByteArray()[15] % 10 != 0) return false;
        var held = heldAt.GetValueOrDefault(job.BranchId);
        if (held >= HeldPerBranch) return false;
        heldAt[job.BranchId] = held + 1;
        return true;
    }

    /// <summary>Every order placed has a final view, except the held ones, whose view shows their driver.</summary>
    private bool Settled(IReadOnlySet<Guid> held)
    {
        var views = Views.Latest();
        return Inputs.On<OrderPlaced>(TrafficTopics.OrdersPlaced).All(o => views.TryGetValue(o.OrderId, out var view)
            && (held.Contains(o.OrderId) ? view.Status == OrderStatus.DriverAssigned : IsFinal(view.Status)));
    }

    private string Unsettled(string step)
    {
        var views = Views.Latest();
        var open = Inputs.On<OrderPlaced>(TrafficTopics.OrdersPlaced)
            .Select(o => (o.OrderId, Status: views.TryGetValue(o.OrderId, out var v) ? v.Status.ToString() : "no view"))
            .Where(o => o.Status is not (nameof(OrderStatus.Delivered) or nameof(OrderStatus.Rejected) or nameof(OrderStatus.PaymentFailed) or nameof(OrderStatus.PaymentExpired)))
            .ToList();
        return $"{step}: {open.Count} orders not settled ({string.Join(", ", open.GroupBy(o => o.Status).Select(g => $"{g.Count()} {g.Key}"))}); "
            + $"simulator {Simulator.Stats.OrdersPlaced} placed, {Simulator.Stats.Delivered} delivered; {Views.Versions} view versions read.\n{Diagnostics()}";
    }

    private static bool IsFinal(OrderStatus status) =>
        status is OrderStatus.Delivered or OrderStatus.Rejected or OrderStatus.PaymentFailed or OrderStatus.PaymentExpired;

    private async Task<IReadOnlyDictionary<string, JsonElement>> AskFirstStepQuestionsAsync()
    {
        var questions = Simulator.City.Branches.SelectMany(b => new[]
            {
                $"/branches/{b.BranchId}/orders",
                $"/branches/{b.BranchId}/orders?status=DRIVER_ASSIGNED",
                $"/branches/{b.BranchId}/orders?status=placed",
            })
            .Concat(HeldJobs.Select(j => $"/drivers/{j.DriverId}/orders"))
            .Concat(HeldJobs.Select(j => $"/orders/{j.OrderId}"))
            .Distinct();
        var answers = new Dictionary<string, JsonElement>();
        foreach (var question in questions) answers[question] = await Queries.GetJsonAsync(question);
        return answers;
    }
}
