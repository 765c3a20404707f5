using System.Text;
using Confluent.Kafka;
using OrderStreams.Contracts.Views;
using OrderStreams.EndToEnd.Tests.Platform;

namespace OrderStreams.EndToEnd.Tests;

/// <summary>An unreadable record on each input topic goes to the dead-letter topic of every service reading it, and orders keep flowing.</summary>
[Collection(PipelineCollection.Name)]
public sealed class DeadLetterTests(PipelinePlatform platform)
{
    /// <summary>Not Confluent-framed Avro (no magic byte 0): every reader fails to deserialize it.</summary>
    internal static readonly byte[] Poison = Encoding.UTF8.GetBytes("poison: not an Avro record");

    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(3);

    /// <summary>Each service and the topics it reads (lifecycle topics, its internal request topic, global tables).</summary>
    public static TheoryData<string, string[]> Readers => new()
    {
        { "payment-completion", ["orders.placed", "payments"] },
        { "branch-assignment", ["orders.placed", "orders.paid", "branch-assignment.requests", "deliveries", "branches"] },
        { "driver-assignment", ["orders.branch-assigned", "drivers.status", "deliveries", "branches"] },
        { "denormaliser", ["orders.placed", "payments", "orders.paid", "orders.branch-assigned", "orders.driver-assigned", "deliveries", "branches", "drivers"] },
    };

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task PoisonOnEveryInput_LandsInTheServicesDeadLetterTopic_AndLaterOrdersStillComplete(string service, string[] inputs)
    {
        await platform.PoisonOnceAsync(Readers.SelectMany(r => (string[])r[1]).Distinct(), Poison);

        var deadLetters = new List<ConsumeResult<byte[], byte[]>>();
        await Eventually.Until(() =>
        {
            deadLetters = TopicReader.ReadAll(platform.BootstrapServers, $"{service}.dlq", platform.Manifest[$"{service}.dlq"].Partitions).ToList();
            return inputs.All(topic => deadLetters.Any(d => Header(d, "__streams.errors.topic") == topic));
        }, Generous, () => $"{service}.dlq has records from [{string.Join(", ", deadLetters.Select(d => Header(d, "__streams.errors.topic")))}], expected [{string.Join(", ", inputs)}]\n{platform.Diagnostics()}");

        Assert.All(deadLetters, d =>
        {
            Assert.Equal(Poison, d.Message.Value);
            Assert.All(new[] { "partition", "offset", "exception", "message", "stacktrace" }, h => Assert.False(string.IsNullOrEmpty(Header(d, $"__streams.errors.{h}")), h));
        });

        var order = await platform.Traffic.Do(s => s.PlaceOrderNow("branch-01"));
        await Eventually.Until(() => platform.Views.Latest().TryGetValue(order.OrderId, out var view) && view.Status == OrderStatus.Delivered, Generous,
            () => $"order {order.OrderId} placed after the poison is {(platform.Views.Latest().TryGetValue(order.OrderId, out var v) ? v.Status : "not seen")}\n{platform.Diagnostics()}");
    }

    private static string? Header(ConsumeResult<byte[], byte[]> record, string name) =>
        record.Message.Headers?.TryGetLastBytes(name, out var value) == true ? Encoding.UTF8.GetString(value) : null;
}
