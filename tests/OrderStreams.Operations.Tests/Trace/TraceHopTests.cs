using OrderStreams.Operations.Trace;

namespace OrderStreams.Operations.Tests.Trace;

public sealed class TraceHopTests
{
    private const string Order = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string Other = "0af7651916cd43dd8448eb211c80319c";
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Of_EventsOfOneTrace_TimesEachHopFromThePreviousEventOfThatTrace()
    {
        var hops = TraceHop.Of(
        [
            Event("orders.placed", 0, $"00-{Order}-00f067aa0ba902b7-01"),
            Event("payments", 400, $"00-{Order}-00f067aa0ba902b8-01"),
            Event("drivers.status", 500, $"00-{Other}-b7ad6b7169203331-01"),
            Event("orders.paid", 1_400, $"00-{Order}-00f067aa0ba902b9-00"),
            Event("orders.view", 1_500, null),
        ]);

        Assert.Equal([null, 400, null, 1_000, null], hops.Select(h => h.SincePrevious?.TotalMilliseconds));
        Assert.Equal([Order, Order, Other, Order, null], hops.Select(h => h.TraceId));
        Assert.Equal("00f067aa0ba902b9", hops[3].SpanId);
    }

    [Fact]
    public void Of_MalformedTraceParent_IsNoHop()
    {
        var hop = Assert.Single(TraceHop.Of([Event("orders.placed", 0, "00-short-span-01")]));

        Assert.Null(hop.TraceId);
        Assert.Null(hop.SincePrevious);
    }

    private static TraceEvent Event(string topic, int afterMs, string? traceParent) =>
        new(topic, 0, 0, Start.AddMilliseconds(afterMs), "branch-01", "Event", null, null, null, null, traceParent);
}
