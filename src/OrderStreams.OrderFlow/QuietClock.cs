using OrderStreams.Streams.Processor;

namespace OrderStreams.OrderFlow;

/// <summary>
/// The one way the services decide deadlines on the wall clock (payment expiry, a branch's capacity wait, housekeeping):
/// only once the task is caught up and idle. Deadlines are decided on stream time (record timestamps), so a replay
/// decides as the live run did, but a partition that receives no record never moves stream time. The runtime tells
/// when the task has read and processed every input partition up to the end offset last fetched from a broker that
/// still answers (<see cref="IProcessorContext{KOut,VOut}.CaughtUpSince"/>); once that has held, with no record, for
/// <c>idleAfter</c>, nothing that could still decide a deadline waits in the topic, and the wall clock is the time.
/// While the service restarts, restores or reads a backlog, or a broker is down, the task is not caught up, so record
/// time alone decides. Under <c>Streams:ProcessUntil</c> the runtime caps the wall clock at the bound.
/// </summary>
public static class QuietClock
{
    /// <summary>
    /// Calls <paramref name="decide"/> every <paramref name="interval"/> of wall clock while the task has been caught
    /// up and idle for <paramref name="idleAfter"/>, with the time to decide by: the wall clock, never before stream time.
    /// </summary>
    public static IDisposable Schedule<K, V>(IProcessorContext<K, V> context, TimeSpan interval, TimeSpan idleAfter, Punctuator decide) =>
        context.Schedule(interval, PunctuationType.WallClockTime, wallClock =>
        {
            if (context.CaughtUpSince is not { } since || context.CurrentSystemTime - since < (long)idleAfter.TotalMilliseconds) return;
            decide(Math.Max(context.CurrentStreamTime, wallClock));
        });
}
