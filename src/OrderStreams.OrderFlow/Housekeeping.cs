namespace OrderStreams.OrderFlow;

/// <summary>
/// How an <see cref="EntityStateProcessor{V, S, VOut}"/> visits the entities of its task as time passes (deadlines,
/// retention): every <paramref name="Interval"/> of stream time, and, with <see cref="IdleAfter"/>, on the wall clock
/// once the task is caught up with its input and idle (see <see cref="QuietClock"/>). A check visits only the entities
/// written since the last one and those whose <paramref name="DueAt"/> has come (<see cref="DueIndex"/>).
/// </summary>
/// <param name="DueAt">
/// When <paramref name="Visit"/> may next change the state: before then a visit must leave it as it is and emit nothing.
/// </param>
public sealed record Housekeeping<S, VOut>(
    TimeSpan Interval, Func<string, S, DateTimeOffset, StateStep<S, VOut>> Visit, Func<S, DateTimeOffset> DueAt)
    where S : class
    where VOut : class
{
    /// <summary>How long the task must be caught up and idle before the wall clock decides; null: stream time only.</summary>
    public TimeSpan? IdleAfter { get; init; }
}
