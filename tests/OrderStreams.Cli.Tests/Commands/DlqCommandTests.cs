using OrderStreams.Cli.Tests.Platform;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using OrderStreams.Avro.Json;
using OrderStreams.Contracts.Common;
using OrderStreams.Contracts.Events;
using OrderStreams.Kafka.Clients;
using OrderStreams.SchemaRegistry.Serdes;

namespace OrderStreams.Cli.Tests.Commands;

[Collection(DevPlatformCollection.Name)]
public sealed class DlqCommandTests(DevPlatformFixture platform) : IDisposable
{
    private const string Branch = "branch-03";
    private readonly string correctedFile = Path.Combine(Path.GetTempPath(), $"corrected-{Guid.NewGuid():N}.json");

    [Fact]
    public async Task Redrive_CorrectedPoisonRecord_PaymentCompletionProcessesItOnce_AndASecondRedriveDoesNothing()
    {
        var order = Order(Guid.NewGuid());
        var json = AvroJson.ToJson(order.ToGeneric(), OrderPlaced.Schema);
        await File.WriteAllTextAsync(correctedFile, json);
        // The payment comes first and waits for its order: on the dev platform an unpaid order expires within seconds.
        await ProducePaymentAsync(order);
        // A producer configured with a JSON serializer instead of the registry's Avro one.
        var poison = await ProduceAsync("orders.placed", Encoding.UTF8.GetBytes(json));
        var at = WaitForDeadLetter(poison);

        var (_, listed, _) = Dlq("list", "payment-completion", "--json");
        var entry = JsonDocument.Parse(listed).RootElement.GetProperty("deadLetters").EnumerateArray()
            .Single(d => $"{d.GetProperty("partition").GetInt32()}:{d.GetProperty("offset").GetInt64()}" == at);
        Assert.False(entry.GetProperty("redriven").GetBoolean());
        Assert.Equal("OrderStreams.SchemaRegistry.Serdes.AvroSerdeException", entry.GetProperty("deadLetter").GetProperty("exception").GetString());
        var (_, shown, _) = Dlq("show", "payment-completion", at, "--json");
        var letter = JsonDocument.Parse(shown).RootElement;
        Assert.Contains("magic byte 0x7b", letter.GetProperty("decodeError").GetString());
        Assert.StartsWith("7b22", letter.GetProperty("valueHex").GetString());

        var dryRun = Dlq("redrive", "payment-completion", "--at", at, "--value-json", correctedFile);
        Assert.Contains("Dry run: nothing produced", dryRun.Output);
        Assert.Empty(Redriven(order.OrderId));
        var redrive = Dlq("redrive", "payment-completion", "--at", at, "--value-json", correctedFile, "--execute");
        Assert.True(redrive.ExitCode == 0, redrive.Errors);
        Assert.Contains("Redrove 1 record(s)", redrive.Output);

        var paid = WaitFor(() => Paid(order.OrderId), found => found.Count > 0, $"OrderPaid for the redriven order {order.OrderId}");
        var again = Dlq("redrive", "payment-completion", "--at", at, "--value-json", correctedFile, "--execute");
        var all = Dlq("redrive", "payment-completion", "--execute");

        Assert.Contains("Nothing to redrive: the chosen dead letters were redriven already", again.Output);
        Assert.Contains("Nothing to redrive", all.Output);
        var redriven = Assert.Single(Redriven(order.OrderId));
        Assert.Equal(poison.Partition, redriven.Partition);
        Assert.Single(paid);
        Assert.Single(Paid(order.OrderId));
    }

    public void Dispose() => File.Delete(correctedFile);

    private static OrderPlaced Order(Guid id)
    {
        var price = new Money { AmountCents = 1250, Currency = "EUR" };
        return new OrderPlaced
        {
            OrderId = id,
            BranchId = Branch,
            CustomerId = "customer-redrive",
            Items = [new OrderItem { Sku = "pad-thai", Name = "Pad Thai", Quantity = 1, UnitPrice = price }],
            Totals = new OrderTotals { Subtotal = price, DeliveryFee = new Money { AmountCents = 0, Currency = "EUR" }, Total = price },
            DeliveryLocation = new GeoLocation { Lat = 52.37, Lon = 4.89 },
            DeliveryAddress = "Redrive street 1",
            PlacedAt = DateTimeOffset.UtcNow,
        };
    }

    private (int ExitCode, string Output, string Errors) Dlq(params string[] args) => Cli.Run(["dlq", .. args, .. platform.Connection]);

    // payment-completion dead-letters the poison on its own time; the error headers say where it came from.
    private string WaitForDeadLetter(TopicPartitionOffset poison)
    {
        var deadLetter = WaitFor(
            () => platform.ReadAll("payment-completion.dlq").FirstOrDefault(r =>
                Header(r, "__streams.errors.partition") == $"{poison.Partition.Value}" && Header(r, "__streams.errors.offset") == $"{poison.Offset.Value}"),
            found => found is not null, $"payment-completion dead-lettering {poison}")!;
        return $"{deadLetter.Partition.Value}:{deadLetter.Offset.Value}";
    }

    private static string? Header(ConsumeResult<byte[], byte[]> record, string key) =>
        record.Message.Headers.TryGetLastBytes(key, out var value) ? Encoding.UTF8.GetString(value) : null;

    private List<ConsumeResult<byte[], byte[]>> Redriven(Guid orderId) =>
        platform.Mentioning("orders.placed", orderId).Where(r => r.Message.Headers.TryGetLastBytes("orderstreams.redriven.from", out _)).ToList();

    private List<OrderPaymentOutcome> Paid(Guid orderId)
    {
        using var registry = platform.Registry();
        var outcomes = new AvroDeserializer<OrderPaymentOutcome>(registry);
        return platform.Mentioning("orders.paid", orderId).Select(r => outcomes.Deserialize(r.Message.Value, r.Topic)).Where(o => o.Outcome is OrderPaid).ToList();
    }

    private async Task<TopicPartitionOffset> ProduceAsync(string topic, byte[] value)
    {
        using var producer = new ProducerBuilder<string, byte[]>(KafkaClientDefaults.Producer([new("bootstrap.servers", platform.BootstrapServers)])).Build();
        return (await producer.ProduceAsync(topic, new Message<string, byte[]> { Key = Branch, Value = value })).TopicPartitionOffset;
    }

    private async Task ProducePaymentAsync(OrderPlaced order)
    {
        using var registry = platform.Registry();
        var payment = new PaymentEvent
        {
            PaymentId = Guid.NewGuid(),
            OrderId = order.OrderId,
            BranchId = Branch,
            Amount = order.Totals.Total,
            Status = PaymentStatus.Captured,
            At = DateTimeOffset.UtcNow,
        };
        await ProduceAsync("payments", await new AvroSerializer<PaymentEvent>(registry).SerializeAsync(payment, "payments"));
    }

    private static T WaitFor<T>(Func<T> read, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            var value = read();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{what} did not happen within {TimeSpan.FromMinutes(2)}.");
            Thread.Sleep(500);
        }
    }
}
