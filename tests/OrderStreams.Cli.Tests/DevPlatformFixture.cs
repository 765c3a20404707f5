using System.Text;
using Confluent.Kafka;
using OrderStreams.Contracts.Events;
using OrderStreams.Native;
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

    /// <summary>Waits until the simulator's driver app reports an order delivered; returns its id.</summary>
    public Guid WaitForDeliveredOrder()
    {
        using var registry = Registry();
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(ConsumerConfig()).Build();
        var deliveries = new AvroDeserializer<DeliveryEvent>(registry);
        consumer.Subscribe("deliveries");
        var deadline = DateTime.UtcNow + Startup;
        while (DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(500)) is { Message.Value: { } value } record
                && deliveries.Deserialize(value, record.Topic) is { Step: OrderDelivered } delivered)
                return delivered.OrderId;
        }
        throw new TimeoutException($"No order was delivered within {Startup}. Platform stderr: {dev.Errors}");
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
