namespace OrderStreams.OrderFlow;

/// <summary>
/// An entity's state that keeps the trace context of the event that created it, so a record emitted later for the
/// entity, by a punctuation or for another entity's event, continues the entity's trace (docs/observability.md).
/// </summary>
public interface ITracedState<out S>
    where S : class
{
    /// <summary>The W3C <c>traceparent</c> the entity's first event was processed in; null when it had none.</summary>
    string? TraceParent { get; }

    S WithTraceParent(string traceParent);
}
