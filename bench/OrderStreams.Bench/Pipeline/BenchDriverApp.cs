using System.Collections.Concurrent;
using System.Diagnostics;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using OrderStreams.Contracts.Events;
using OrderStreams.Contracts.Views;
using OrderStreams.Kafka.Clients;
using OrderStreams.SchemaRegistry.Serdes;
using OrderStreams.Simulator.Kafka;

namespace OrderStreams.Bench.Pipeline;

/// <summary>
/// The far end of the bench: takes every driver job off <c>orders.driver-assigned</c> (timing it against when its
/// order was sent) and delivers at once, freeing the driver and the kitchen place; and counts the orders whose view on
/// <c>orders.view</c> says delivered, i.e. that went through all four services.
/// </summary>
public sealed class BenchDriverApp : IDisposable
{
    private readonly ConcurrentDictionary<Guid, long> sentAt = new();
    private readonly HashSet<Guid> deliveredViews = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Thread jobs;
    private readonly Thread views;
    private long assigned;
    private long delivered;

    /// <param name="clients">Makes its consumers, with the bench's client settings.</param>
    public BenchDriverApp(KafkaClientFactory clients, ISchemaRegistryClient registry, KafkaTrafficSink deliveries)
    {
        void FromLatest(ConsumerConfig config)
        {
            config.AutoOffsetReset = AutoOffsetReset.Latest;
            config.EnableAutoCommit = false;
        }
        var jobConsumer = clients.CreateConsumer<Ignore, OrderDriverAssigned>(
            $"bench-driver-app-{Guid.NewGuid():N}", FromLatest, b => b.SetValueDeserializer(new AvroDeserializer<OrderDriverAssigned>(registry)));
        var viewConsumer = clients.CreateConsumer<Ignore, OrderView>(
            $"bench-views-{Guid.NewGuid():N}", FromLatest, b => b.SetValueDeserializer(new AvroDeserializer<OrderView>(registry)));
        jobs = new Thread(() => Follow(jobConsumer, "orders.driver-assigned", job => OnJob(job, deliveries))) { IsBackground = true, Name = "bench-jobs" };
        views = new Thread(() => Follow(viewConsumer, "orders.view", OnView)) { IsBackground = true, Name = "bench-views" };
        jobs.Start();
        views.Start();
    }

    public LatencySamples? Latencies { get; set; }

    public long Assigned => Interlocked.Read(ref assigned);

    public long DeliveredViews => Interlocked.Read(ref delivered);

    /// <summary>Notes that <paramref name="orderId"/> was sent now; its latency is sampled when its driver is assigned.</summary>
    public void Sent(Guid orderId) => sentAt[orderId] = Stopwatch.GetTimestamp();

    public void Dispose()
    {
        stop.Cancel();
        jobs.Join(TimeSpan.FromSeconds(10));
        views.Join(TimeSpan.FromSeconds(10));
        stop.Dispose();
    }

    private void OnJob(OrderDriverAssigned job, KafkaTrafficSink deliveries)
    {
        var now = Stopwatch.GetTimestamp();
        if (sentAt.TryRemove(job.OrderId, out var sent)) Latencies?.Add(now - sent);
        Interlocked.Increment(ref assigned);
        var at = DateTimeOffset.UtcNow;
        deliveries.Publish("deliveries", job.BranchId, BenchCity.Step(job, new OrderPickedUp { Location = job.DriverLocation }, at), at);
        deliveries.Publish("deliveries", job.BranchId, BenchCity.Step(job, new OrderDelivered { Location = job.DriverLocation }, at), at);
    }

    private void OnView(OrderView view)
    {
        if (view.Status == OrderStatus.Delivered && deliveredViews.Add(view.OrderId)) Interlocked.Increment(ref delivered);
    }

    private void Follow<T>(IConsumer<Ignore, T> consumer, string topic, Action<T> handle)
    {
        using (consumer)
        {
            consumer.Subscribe(topic);
            while (!stop.IsCancellationRequested)
            {
                if (consumer.Consume(50) is { Message.Value: { } value }) handle(value);
            }
            consumer.Close();
        }
    }
}
