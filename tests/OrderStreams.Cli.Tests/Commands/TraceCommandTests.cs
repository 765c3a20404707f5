using System.Text.Json;

namespace OrderStreams.Cli.Tests.Commands;

[Collection(DevPlatformCollection.Name)]
public sealed class TraceCommandTests(DevPlatformFixture platform)
{
    private static readonly string[] Lifecycle = ["OrderPlaced", "OrderPaid", "OrderBranchAssigned", "OrderDriverAssigned", "OrderPickedUp", "OrderDelivered"];

    [Fact]
    public void Trace_DeliveredOrderOfTheRunningServices_ShowsItsWholeLifecycleInOrder()
    {
        var orderId = platform.WaitForDeliveredOrder();

        // The denormaliser folds the delivery in its own time: trace until the view says so.
        var events = TraceUntil(orderId, [], e => View(e) == "DELIVERED");

        var steps = events.Where(e => e.GetProperty("topic").GetString() != "orders.view").Select(e => e.GetProperty("type").GetString()!).ToList();
        Assert.Equal(Lifecycle, steps.Where(Lifecycle.Contains).Distinct());
        var captured = steps.FindIndex(t => t == "PaymentEvent");
        Assert.InRange(captured, 0, steps.IndexOf("OrderPaid"));
        Assert.Equal("DELIVERED", View(events.Last(e => e.GetProperty("topic").GetString() == "orders.view")));
        var times = events.Select(e => e.GetProperty("timestamp").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);

        // Only the order's branch: one partition per topic, following the order wherever it was moved.
        var branch = events.First(e => e.GetProperty("type").GetString() == "OrderPlaced").GetProperty("value").GetProperty("branchId").GetString()!;
        var targeted = TraceUntil(orderId, ["--branch", branch], _ => true);
        Assert.Equal(Addresses(events), Addresses(targeted).Intersect(Addresses(events)));
    }

    private List<JsonElement> TraceUntil(Guid orderId, string[] options, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            var (exitCode, output, errors) = Cli.Run(["trace", orderId.ToString(), "--json", .. options, .. platform.Connection]);
            Assert.True(exitCode == 0, errors);
            var events = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
            if (events.Any(done) || DateTime.UtcNow > deadline) return events;
        }
    }

    private static string? View(JsonElement e) =>
        e.GetProperty("topic").GetString() == "orders.view" && e.TryGetProperty("value", out var view) ? view.GetProperty("status").GetString() : null;

    private static List<(string?, int, long)> Addresses(IEnumerable<JsonElement> events) =>
        events.Select(e => (e.GetProperty("topic").GetString(), e.GetProperty("partition").GetInt32(), e.GetProperty("offset").GetInt64())).ToList();
}
