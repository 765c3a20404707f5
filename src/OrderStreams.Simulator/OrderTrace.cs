using System.Diagnostics;

namespace OrderStreams.Simulator;

/// <summary>
/// The W3C trace context the simulator puts on an order's events (placing, paying, picking up, delivering): one trace
/// per order whose trace id is the order id, so an order's trace is found from its id; a new span id per event.
/// </summary>
public static class OrderTrace
{
    public const string Header = "traceparent";

    public static string TraceId(Guid orderId) => orderId.ToString("N");

    public static string NewTraceParent(Guid orderId) => $"00-{TraceId(orderId)}-{ActivitySpanId.CreateRandom().ToHexString()}-01";
}
