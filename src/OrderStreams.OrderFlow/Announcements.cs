namespace OrderStreams.OrderFlow;

/// <summary>
/// How an <see cref="EntityStateProcessor{V, S, VOut}"/> makes a decision survive a crash under at-least-once. The step
/// stores its output in the entity's state as unannounced, in the same write as the decision; after the commit that
/// delivered the output the processor marks it announced (<see cref="Announced"/>). A new instance of the task (after
/// a crash) emits again every output still unannounced, on its first wall-clock tick: the runtime never lets an output
/// reach Kafka before the state change written with it, so a decision whose output may be lost is always found
/// stored, and is re-emitted as it was, never decided anew. Repeats are identical, which consumers already tolerate.
/// </summary>
/// <param name="Unannounced">The output a state holds that may not have been delivered, or null.</param>
/// <param name="Announced">The state once its output was delivered.</param>
public sealed record Announcements<S, VOut>(Func<string, S, PendingOutput<VOut>?> Unannounced, Func<S, S> Announced)
    where S : class
    where VOut : class
{
    /// <summary>
    /// Whether this processor emits the store's unannounced outputs on start; exactly one of the processors sharing a
    /// store does, or each would emit them.
    /// </summary>
    public bool EmitOnStart { get; init; } = true;
}
