using OrderStreams.Cli.Tests.Platform;
using System.Text.Json;
using OrderStreams.Contracts.Views;

namespace OrderStreams.Cli.Tests.Commands;

[Collection(DevPlatformCollection.Name)]
public sealed class TraceCommandTests(DevPlatformFixture platform)
{
    private static readonly string[] Lifecycle = ["OrderPlaced", "OrderPaid", "OrderBranchAssigned", "OrderDriverAssigned", "OrderPickedUp", "OrderDelivered"];

    [Fact]
    public void Trace_DeliveredOrderOfTheRunningServices_ShowsItsWholeLifecycleInOrder()
    {
        var orderId = platform.WaitForDeliveredOrder();
        platform.WaitForView(orderId, OrderStatus.Delivered);

        var events = Trace(orderId);

        var steps = events.Where(e => e.GetProperty("topic").GetString() != "orders.view").Select(e => e.GetProperty("type").GetString()!).ToList();
        Assert.Equal(Lifecycle, steps.Where(Lifecycle.Contains).Distinct());
        var captured = steps.FindIndex(t => t == "PaymentEvent");
        Assert.InRange(captured, 0, steps.IndexOf("OrderPaid"));
        Assert.Equal("DELIVERED", View(events.Last(e => e.GetProperty("topic").GetString() == "orders.view")));
        var times = events.Select(e => e.GetProperty("timestamp").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);

        // Only the order's branch: one partition per topic, following the order wherever it was moved.
        var branch = events.First(e => e.GetProperty("type").GetString() == "OrderPlaced").GetProperty("value").GetProperty("branchId").GetString()!;
        var targeted = Trace(orderId, "--branch", branch, "--branch-routing", platform.BranchRouting);
        Assert.Equal(Addresses(events), Addresses(targeted).Intersect(Addresses(events)));
    }

    private List<JsonElement> Trace(Guid orderId, params string[] options)
    {
        var (exitCode, output, errors) = Cli.Run(["trace", orderId.ToString(), "--json", .. options, .. platform.Connection]);
        Assert.True(exitCode == 0, errors);
        return JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
    }

    private static string? View(JsonElement e) =>
        e.GetProperty("topic").GetString() == "orders.view" && e.TryGetProperty("value", out var view) ? view.GetProperty("status").GetString() : null;

    private static List<(string?, int, long)> Addresses(IEnumerable<JsonElement> events) =>
        events.Select(e => (e.GetProperty("topic").GetString(), e.GetProperty("partition").GetInt32(), e.GetProperty("offset").GetInt64())).ToList();
}
