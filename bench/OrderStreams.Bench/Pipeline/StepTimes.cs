using System.Collections.Concurrent;
using System.Diagnostics;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using OrderStreams.Contracts.Events;
using OrderStreams.Kafka.Clients;
using OrderStreams.SchemaRegistry.Serdes;

namespace OrderStreams.Bench.Pipeline;

/// <summary>
/// Follows the topics between an order and its driver and notes when each timed order first shows up on each, so a
/// latency run says which step its time goes to: payment-completion, branch-assignment's request and desk steps,
/// driver-assignment. Every arrival is seen by the same consumer, so its own fetch wait is in every step alike.
/// </summary>
public sealed class StepTimes : IDisposable
{
    /// <summary>The topic each step writes, in the order an order passes them.</summary>
    private static readonly (string Step, string Topic)[] Steps =
    [
        ("payment-completion", "orders.paid"),
        ("branch request", "branch-assignment.requests"),
        ("branch desk", "orders.branch-assigned"),
        ("driver-assignment", "orders.driver-assigned"),
    ];

    private readonly ConcurrentDictionary<Guid, long[]> arrivals = new();
    private readonly CancellationTokenSource stop = new();
    private readonly Thread thread;
    private readonly IConsumer<Ignore, byte[]> consumer;
    private readonly AvroDeserializer<OrderPaymentOutcome> verdicts;
    private readonly AvroDeserializer<BranchAssignmentRequest> requests;
    private readonly AvroDeserializer<BranchAssignmentOutcome> outcomes;
    private readonly AvroDeserializer<OrderDriverAssigned> assignments;

    public StepTimes(KafkaClientFactory clients, ISchemaRegistryClient registry)
    {
        (verdicts, requests, outcomes, assignments) = (new(registry), new(registry), new(registry), new(registry));
        consumer = clients.CreateConsumer<Ignore, byte[]>($"bench-steps-{Guid.NewGuid():N}", config =>
        {
            config.AutoOffsetReset = AutoOffsetReset.Latest;
            config.EnableAutoCommit = false;
        });
        consumer.Subscribe(Steps.Select(s => s.Topic));
        thread = new Thread(Run) { IsBackground = true, Name = "bench-steps" };
        thread.Start();
    }

    /// <summary>Times <paramref name="orderId"/> from now; its steps are noted as they show up.</summary>
    public void Sent(Guid orderId)
    {
        var times = new long[Steps.Length + 1];
        times[0] = Stopwatch.GetTimestamp();
        arrivals[orderId] = times;
    }

    /// <summary>Forgets the orders timed so far (a warm-up's).</summary>
    public void Clear() => arrivals.Clear();

    /// <summary>Each step's latency over the orders timed since <see cref="Clear"/> that passed every step.</summary>
    public IReadOnlyList<StepLatency> Latencies()
    {
        var complete = arrivals.Values.Where(times => times.All(t => t != 0)).ToList();
        return Steps.Select((step, i) =>
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
            var (step, orderId) = record.Topic switch
            {
                "orders.paid" => (1, verdicts.Deserialize(value, record.Topic).OrderId),
                "branch-assignment.requests" => (2, requests.Deserialize(value, record.Topic).Order.OrderId),
                "orders.branch-assigned" => (3, outcomes.Deserialize(value, record.Topic).OrderId),
                _ => (4, assignments.Deserialize(value, record.Topic).OrderId),
            };
            if (arrivals.TryGetValue(orderId, out var times) && times[step] == 0) times[step] = now;
        }
    }
}
