using Confluent.Kafka;
using Confluent.SchemaRegistry;
using OrderStreams.Contracts.Views;
using OrderStreams.SchemaRegistry.Serdes;

namespace OrderStreams.EndToEnd.Tests.Platform;

/// <summary>Follows <c>orders.view</c> from the beginning and keeps each order's latest version, as a consumer of the view would.</summary>
internal sealed class ViewFollower : IDisposable
{
    private readonly Lock gate = new();
    private readonly Dictionary<Guid, OrderView> latest = new();
    private readonly CancellationTokenSource stop = new();
    private readonly Thread thread;
    private long versions;
    private long unreadable;

    public ViewFollower(string bootstrapServers, ISchemaRegistryClient registry)
    {
        var consumer = new ConsumerBuilder<Ignore, OrderView>(new ConsumerConfig
            {
                BootstrapServers = bootstrapServers,
                GroupId = $"end-to-end-views-{Guid.NewGuid():N}",
                AutoOffsetReset = AutoOffsetReset.Earliest,
                EnableAutoCommit = false,
                FetchWaitMaxMs = 10,
            })
            .SetValueDeserializer(new AvroDeserializer<OrderView>(registry))
            .Build();
        consumer.Subscribe("orders.view");
        thread = new Thread(() => Run(consumer)) { IsBackground = true, Name = "orders.view" };
        thread.Start();
    }

    /// <summary>How many view versions were read, all orders together.</summary>
    public long Versions => Interlocked.Read(ref versions);

    /// <summary>Records of orders.view that were not a readable OrderView.</summary>
    public long Unreadable => Interlocked.Read(ref unreadable);

    public IReadOnlyDictionary<Guid, OrderView> Latest()
    {
        lock (gate) return new Dictionary<Guid, OrderView>(latest);
    }

    public void Dispose()
    {
        stop.Cancel();
        thread.Join(TimeSpan.FromSeconds(10));
        stop.Dispose();
    }

    private void Run(IConsumer<Ignore, OrderView> consumer)
    {
        using (consumer)
        {
            while (!stop.IsCancellationRequested)
            {
                OrderView view;
                try
                {
                    if (consumer.Consume(100) is not { Message.Value: { } next }) continue;
                    view = next;
                }
                catch (ConsumeException)
                {
                    Interlocked.Increment(ref unreadable);
                    continue;
                }
                Interlocked.Increment(ref versions);
                lock (gate)
                {
                    if (!latest.TryGetValue(view.OrderId, out var known) || known.Version <= view.Version) latest[view.OrderId] = view;
                }
            }
            consumer.Close();
        }
    }
}
