using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using OrderStreams.Cli.Tests.Platform;
using OrderStreams.Contracts.Events;
using OrderStreams.Contracts.Views;
using OrderStreams.SchemaRegistry.Serdes;

namespace OrderStreams.Cli.Tests.Commands;

[Collection(DevPlatformCollection.Name)]
public sealed class ReplayCommandTests(DevPlatformFixture platform)
{
    [Fact]
    public async Task Replay_DenormaliserUntilMidRun_ViewsAreThoseTheInputsUpToThenImply_LiveViewsUnchanged()
    {
        platform.WaitForDeliveredOrder();
        using var registry = platform.Registry();
        // The middle of the run: half the orders were placed by then.
        var placedAt = platform.ReadAll("orders.placed").Select(r => r.Message.Timestamp.UnixTimestampMs).Order().ToList();
        var bound = DateTimeOffset.FromUnixTimeMilliseconds(placedAt[placedAt.Count / 2]);
        var until = bound.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        var expected = StatusesUpTo(registry, bound.ToUnixTimeMilliseconds(), out var placedLater);

        var (planExit, plan, planErrors) = platform.Cli("replay", "denormaliser", "--until", until, "--application-id", "denormaliser-asof-test");
        Assert.True(planExit == 0, planErrors + plan);
        Assert.Contains("Dry run: nothing started", plan);
        Assert.Contains("denormaliser-asof-test-orders.view", plan);
        Assert.Contains($"Streams__ProcessUntil={until}", plan);
        Assert.DoesNotContain("denormaliser-asof-test", await InstanceIds());

        var (exitCode, output, errors) = platform.Cli("replay", "denormaliser", "--until", until, "--application-id", "denormaliser-asof-test", "--execute");

        Assert.True(exitCode == 0, errors + output);
        Assert.Contains("denormaliser-asof-test is done", output);
        var replayed = LatestViews(registry, "denormaliser-asof-test-orders.view");
        Assert.Equal(expected.OrderBy(e => e.Key), replayed.Select(v => KeyValuePair.Create(v.Key, v.Value.Status)).OrderBy(e => e.Key));
        Assert.True(expected.Values.Distinct().Count() >= 2, $"as of {until} every order had one status: {string.Join(", ", expected.Values.Distinct())}");
        Assert.All(placedLater, id => Assert.True(!replayed.TryGetValue(id, out var view) || view.PlacedAt is null, $"{id}, placed after {until}, is in the replay"));

        // An order that moved on after the bound: the replay answers its status then, the live denormaliser its status now.
        var live = LatestViews(registry, "orders.view");
        var moved = expected.First(e => live[e.Key].Status != e.Value).Key;
        using var replayAnswer = await platform.Http.GetAsync($"query/denormaliser-asof-test/orders/{moved}");
        Assert.Equal("denormaliser-asof-test", replayAnswer.Headers.GetValues("X-OrderStreams-Instance").Single());
        Assert.Equal(Name(expected[moved]), Name(await StatusAsync(replayAnswer)));
        using var liveAnswer = await platform.Http.GetAsync($"query/denormaliser/orders/{moved}");
        Assert.NotEqual("denormaliser-asof-test", liveAnswer.Headers.GetValues("X-OrderStreams-Instance").Single());
        Assert.Equal(Name(live[moved].Status), Name(await StatusAsync(liveAnswer)));

        var (retireExit, retired, retireErrors) = platform.Cli("app", "retire", "denormaliser", "--application-id", "denormaliser-asof-test");
        Assert.True(retireExit == 0, retireErrors + retired);
        Assert.DoesNotContain("denormaliser-asof-test", await InstanceIds());
    }

    [Fact]
    public void Replay_ServiceThatWritesEvents_RefusesToWriteThemTwice()
    {
        var (exitCode, _, errors) = platform.Cli("replay", "payment-completion", "--until", "2026-12-01T12:00:00Z", "--execute");

        Assert.Equal(64, exitCode);
        Assert.Contains("payment-completion writes orders.paid", errors);
    }

    /// <summary>
    /// The status each order had as of the bound, from the denormaliser's inputs alone: every partition read up to its
    /// first record after the bound, each order at the furthest step its events reached (payments only fill in).
    /// </summary>
    private Dictionary<string, OrderStatus> StatusesUpTo(ISchemaRegistryClient registry, long bound, out List<string> placedLater)
    {
        var statuses = new Dictionary<string, OrderStatus>();
        void Reach(Guid order, OrderStatus status)
        {
            var id = order.ToString();
            if (!statuses.TryGetValue(id, out var known) || Rank(status) > Rank(known)) statuses[id] = status;
        }
        IEnumerable<T> UpToBound<T>(string topic) where T : class, Avro.Specific.IAvroRecord<T>
        {
            var deserializer = new AvroDeserializer<T>(registry);
            return platform.ReadAll(topic)
                .GroupBy(r => r.Partition.Value)
                .SelectMany(p => p.OrderBy(r => r.Offset.Value).TakeWhile(r => r.Message.Timestamp.UnixTimestampMs <= bound))
                .Select(r => deserializer.Deserialize(r.Message.Value, topic));
        }

        foreach (var placed in UpToBound<OrderPlaced>("orders.placed")) Reach(placed.OrderId, OrderStatus.Placed);
        foreach (var payment in UpToBound<PaymentEvent>("payments")) Reach(payment.OrderId, OrderStatus.Unknown);
        foreach (var paid in UpToBound<OrderPaymentOutcome>("orders.paid"))
            Reach(paid.OrderId, paid.Outcome switch { OrderPaid => OrderStatus.Paid, OrderPaymentExpired => OrderStatus.PaymentExpired, _ => OrderStatus.PaymentFailed });
        foreach (var outcome in UpToBound<BranchAssignmentOutcome>("orders.branch-assigned"))
            Reach(outcome.OrderId, outcome.Outcome is OrderBranchAssigned ? OrderStatus.BranchAssigned : OrderStatus.Rejected);
        foreach (var assigned in UpToBound<OrderDriverAssigned>("orders.driver-assigned")) Reach(assigned.OrderId, OrderStatus.DriverAssigned);
        foreach (var delivery in UpToBound<DeliveryEvent>("deliveries"))
            Reach(delivery.OrderId, delivery.Step is OrderDelivered ? OrderStatus.Delivered : OrderStatus.PickedUp);

        var orders = new AvroDeserializer<OrderPlaced>(registry);
        placedLater = platform.ReadAll("orders.placed").Where(r => r.Message.Timestamp.UnixTimestampMs > bound)
            .Select(r => orders.Deserialize(r.Message.Value, r.Topic).OrderId.ToString()).ToList();
        return statuses;
    }

    // The denormaliser's order of steps: a status only moves forward.
    private static int Rank(OrderStatus status) => status switch
    {
        OrderStatus.Placed => 1,
        OrderStatus.Paid or OrderStatus.PaymentFailed or OrderStatus.PaymentExpired => 2,
        OrderStatus.BranchAssigned or OrderStatus.Rejected => 3,
        OrderStatus.DriverAssigned => 4,
        OrderStatus.PickedUp => 5,
        OrderStatus.Delivered => 6,
        _ => 0,
    };

    private Dictionary<string, OrderView> LatestViews(ISchemaRegistryClient registry, string topic)
    {
        var views = new AvroDeserializer<OrderView>(registry);
        return ViewSnapshot.Read(platform.BootstrapServers, topic).ToDictionary(v => v.Key, v => views.Deserialize(Convert.FromBase64String(v.Value), topic));
    }

    private async Task<List<string?>> InstanceIds() =>
        (await platform.GetJsonAsync("api/platform")).GetProperty("instances").EnumerateArray().Select(i => i.GetProperty("applicationId").GetString()).ToList();

    private static async Task<string> StatusAsync(HttpResponseMessage answer)
    {
        Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString()!;
    }

    // "driver-assigned", "DriverAssigned" and "driver_assigned" name one status.
    private static string Name(object status) => Regex.Replace(status.ToString()!, "[-_]", "").ToLowerInvariant();
}
