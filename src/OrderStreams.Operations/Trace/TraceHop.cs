namespace OrderStreams.Operations.Trace;

/// <summary>
/// One event of a trace as a hop: the trace it was produced in and the time since the previous event of that trace.
/// Record timestamps are event times (the runtime gives an output its input's time), so a hop's time is how long the
/// order waited for that step (its payment, a free kitchen, a driver); the processing time per service is in the spans.
/// </summary>
/// <param name="Event">The event.</param>
/// <param name="TraceId">The trace id of its <c>traceparent</c>; null without one.</param>
/// <param name="SpanId">The id of the span that produced it.</param>
/// <param name="SincePrevious">Since the previous event of the same trace; null for a trace's first event or without a trace.</param>
public sealed record TraceHop(TraceEvent Event, string? TraceId, string? SpanId, TimeSpan? SincePrevious)
{
    /// <summary>The events as hops, in the order given (time order).</summary>
    public static IReadOnlyList<TraceHop> Of(IReadOnlyList<TraceEvent> events)
    {
        var lastSeen = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var hops = new List<TraceHop>(events.Count);
        foreach (var e in events)
        {
            var parts = e.TraceParent?.Split('-');
            if (parts is not [_, { Length: 32 } traceId, { Length: 16 } spanId, ..])
            {
                hops.Add(new TraceHop(e, null, null, null));
                continue;
            }
            TimeSpan? since = lastSeen.TryGetValue(traceId, out var previous) ? e.Timestamp - previous : null;
            lastSeen[traceId] = e.Timestamp;
            hops.Add(new TraceHop(e, traceId, spanId, since));
        }
        return hops;
    }
}
