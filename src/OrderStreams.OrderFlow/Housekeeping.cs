namespace OrderStreams.OrderFlow;

/// <summary>
/// How an <see cref="EntityStateProcessor{V, S, VOut}"/> visits every entity of its task as time passes (deadlines,
/// retention): every <paramref name="Interval"/> of stream time, and, with <see cref="IdleAfter"/>, on the wall clock
/// once the task is caught up with its input and idle (see <see cref="QuietClock"/>).
/// </summary>
public sealed record Housekeeping<S, VOut>(TimeSpan Interval, Func<string, S, DateTimeOffset, StateStep<S, VOut>> Visit)
    where S : class
    where VOut : class
{
    /// <summary>How long the task must be caught up and idle before the wall clock decides; null: stream time only.</summary>
    public TimeSpan? IdleAfter { get; init; }
}
