using System.Collections.Concurrent;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using OrderStreams.Contracts.Events;
using OrderStreams.Kafka.Clients;
using OrderStreams.SchemaRegistry.Serdes;

namespace OrderStreams.Simulator.Kafka;

/// <summary>
/// Reads <c>orders.driver-assigned</c> as the driver app would receive its jobs, and hands the assignments to the
/// simulation thread through <see cref="TryTake"/>. It reads from the beginning: joining the group takes seconds, and
/// a job missed would keep its driver reserved and its kitchen place taken for good (the simulator ignores jobs for
/// orders it did not place).
/// </summary>
public sealed class DriverAssignmentFeed : IDisposable
{
    private readonly ConcurrentQueue<OrderDriverAssigned> received = new();
    private readonly CancellationTokenSource stop = new();
    private readonly Thread thread;

    public DriverAssignmentFeed(KafkaClientFactory clients, ISchemaRegistryClient registry, string groupId)
    {
        var consumer = clients.CreateConsumer<Ignore, OrderDriverAssigned>(
            groupId,
            config =>
            {
                config.AutoOffsetReset = AutoOffsetReset.Earliest;
                config.EnableAutoCommit = true;
            },
            builder => builder.SetValueDeserializer(new AvroDeserializer<OrderDriverAssigned>(registry)));
        thread = new Thread(() => Run(consumer)) { IsBackground = true, Name = "driver-app" };
        thread.Start();
    }

    /// <summary>Records the feed could not read (it skips them; the pipeline's DLQs have the details).</summary>
    public long Unreadable { get; private set; }

    public bool TryTake(out OrderDriverAssigned assignment) => received.TryDequeue(out assignment!);

    public void Dispose()
    {
        stop.Cancel();
        thread.Join(TimeSpan.FromSeconds(10));
        stop.Dispose();
    }

    private void Run(IConsumer<Ignore, OrderDriverAssigned> consumer)
    {
        using (consumer)
        {
            consumer.Subscribe(TrafficTopics.OrdersDriverAssigned);
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    if (consumer.Consume(100) is { Message.Value: { } assignment }) received.Enqueue(assignment);
                }
                catch (ConsumeException)
                {
                    Unreadable++;
                }
            }
            consumer.Close();
        }
    }
}
