namespace OrderStreams.OrderFlow;

/// <summary>An entity's state after an event (null deletes it), and the record the event produced, if any.</summary>
public readonly record struct StateStep<S, VOut>(S? State, VOut? Output)
    where S : class
    where VOut : class
{
    public static StateStep<S, VOut> Unchanged(S? state) => new(state, null);
}
