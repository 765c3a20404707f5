using System.Collections.Concurrent;
using System.Diagnostics;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using OrderStreams.Avro.Specific;
using OrderStreams.Contracts.Events;
using OrderStreams.Kafka.Clients;
using OrderStreams.SchemaRegistry.Serdes;

namespace OrderStreams.Bench.Pipeline;

/// <summary>
/// Follows the topics between an order and its driver and notes when each timed order first shows up on each, so a
/// latency run says which step its time goes to: the bench's own producer (until the order's payment, the last of
/// its two records, can be read), payment-completion, branch-assignment's request and desk steps, driver-assignment.
/// Every arrival is seen by the same consumer, so its own fetch wait is in every step alike.
/// </summary>
public sealed class StepTimes : IDisposable
{
    /// <summary>The topic each step writes, in the order an order passes them, and how to read an order id off it.</summary>
    private readonly (string Step, string Topic, Func<byte[], Guid> OrderId)[] steps;
    private readonly Dictionary<string, int> stepOfTopic;
    private readonly ConcurrentDictionary<Guid, long[]> arrivals = new();
    private readonly CancellationTokenSource stop = new();
    private readonly Thread thread;
    private readonly IConsumer<Ignore, byte[]> consumer;

    public StepTimes(KafkaClientFactory clients, ISchemaRegistryClient registry)
    {
        Func<byte[], Guid> Read<T>(string topic, Func<T, Guid> orderId) where T : class, IAvroRecord<T>
        {
            var deserializer = new AvroDeserializer<T>(registry);
            return value => orderId(deserializer.Deserialize(value, topic));
        }
        steps =
        [
            ("bench producer (payment)", "payments", Read<PaymentEvent>("payments", p => p.OrderId)),
            ("payment-completion", "orders.paid", Read<OrderPaymentOutcome>("orders.paid", v => v.OrderId)),
            ("branch request", "branch-assignment.requests", Read<BranchAssignmentRequest>("branch-assignment.requests", r => r.Order.OrderId)),
            ("branch desk", "orders.branch-assigned", Read<BranchAssignmentOutcome>("orders.branch-assigned", o => o.OrderId)),
            ("driver-assignment", "orders.driver-assigned", Read<OrderDriverAssigned>("orders.driver-assigned", a => a.OrderId)),
        ];
        stepOfTopic = steps.Select((step, i) => (step.Topic, i)).ToDictionary(s => s.Topic, s => s.i);
        consumer = clients.CreateConsumer<Ignore, byte[]>($"bench-steps-{Guid.NewGuid():N}", config =>
        {
            config.AutoOffsetReset = AutoOffsetReset.Latest;
            config.EnableAutoCommit = false;
        });
        consumer.Subscribe(steps.Select(s => s.Topic));
        thread = new Thread(Run) { IsBackground = true, Name = "bench-steps" };
        thread.Start();
    }

    /// <summary>Times <paramref name="orderId"/> from now; its steps are noted as they show up.</summary>
    public void Sent(Guid orderId)
    {
        var times = new long[steps.Length + 1];
        times[0] = Stopwatch.GetTimestamp();
        arrivals[orderId] = times;
    }

    /// <summary>Forgets the orders timed so far (a warm-up's).</summary>
    public void Clear() => arrivals.Clear();

    /// <summary>Each step's latency over the orders timed since <see cref="Clear"/> that passed every step.</summary>
    public IReadOnlyList<StepLatency> Latencies()
    {
        var complete = arrivals.Values.Where(times => times.All(t => t != 0)).ToList();
        return steps.Select((step, i) =>
        {
            var samples = new LatencySamples();
            foreach (var times in complete) samples.Add(times[i + 1] - times[i]);
            return new StepLatency(step.Step, samples.PercentileMs(50), samples.PercentileMs(99));
        }).ToList();
    }

    public void Dispose()
    {
        stop.Cancel();
        thread.Join(TimeSpan.FromSeconds(10));
        consumer.Close();
        consumer.Dispose();
        stop.Dispose();
    }

    private void Run()
    {
        while (!stop.IsCancellationRequested)
        {
            if (consumer.Consume(50) is not { Message.Value: { } value } record) continue;
            var now = Stopwatch.GetTimestamp();
            var step = stepOfTopic[record.Topic] + 1;
            var orderId = steps[step - 1].OrderId(value);
            if (arrivals.TryGetValue(orderId, out var times) && times[step] == 0) times[step] = now;
        }
    }
}
