namespace OrderStreams.OrderFlow;

/// <summary>
/// One business step of the order flow, as an <see cref="EntityStateProcessor{V, S, VOut}"/> runs it: how an event of a
/// topic keyed by branch changes one entity's state, kept in <see cref="Store"/> under the entity's id, and which record
/// it emits. Named members, so a topology reads as the step it performs.
/// </summary>
public sealed record EntityStep<V, S, VOut>
    where S : class
    where VOut : class
{
    /// <summary>The store the entities' states are kept in, under the entity's id.</summary>
    public required string Store { get; init; }

    /// <summary>The branch an event belongs to: its record's key must be this branch.</summary>
    public required Func<V, string> BranchOf { get; init; }

    /// <summary>The id of the entity an event changes.</summary>
    public required Func<V, string> EntityOf { get; init; }

    /// <summary>The entity's state after the event (given its state before, if any, and the event's time), and its output.</summary>
    public required Func<S?, V, DateTimeOffset, StateStep<S, VOut>> Step { get; init; }

    /// <summary>The key an output is emitted with.</summary>
    public required Func<VOut, string> OutputKey { get; init; }

    /// <summary>Visits every entity of the task as time passes; null: the step only reacts to events.</summary>
    public Housekeeping<S, VOut>? Housekeeping { get; init; }

    /// <summary>Keeps each output in the state until delivered and re-emits it after a crash; null: outputs are not kept.</summary>
    public Announcements<S, VOut>? Announcements { get; init; }
}
