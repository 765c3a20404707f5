namespace OrderStreams.OrderFlow;

/// <summary>
/// When a wall-clock punctuation may stand in for stream time. Deadlines are decided on stream time (record
/// timestamps), so a replay decides as the live run did, but a partition that receives no record never moves stream
/// time. Once the task's stream time has stood still for <paramref name="idleAfter"/> of wall clock, the task has
/// caught up with its input and the wall clock is the time. While a backlog is processed stream time keeps moving,
/// so record time alone decides. Under <c>Streams:ProcessUntil</c> the runtime caps the wall clock at the bound.
/// </summary>
public sealed class QuietClock(TimeSpan idleAfter)
{
    private long lastStreamTime = long.MinValue;
    private long movedAt = long.MinValue;

    /// <summary>Notes the stream time seen at a wall-clock instant (call on every record the processor handles).</summary>
    public void Observe(long streamTime, long wallClock)
    {
        if (streamTime == lastStreamTime && movedAt != long.MinValue) return;
        lastStreamTime = streamTime;
        movedAt = wallClock;
    }

    /// <summary>The time to decide deadlines by at a wall-clock punctuation, or null while records still move stream time.</summary>
    public DateTimeOffset? Now(long streamTime, long wallClock)
    {
        var quiet = streamTime == lastStreamTime && movedAt != long.MinValue;
        Observe(streamTime, wallClock);
        if (!quiet || wallClock - movedAt < (long)idleAfter.TotalMilliseconds) return null;
        return DateTimeOffset.FromUnixTimeMilliseconds(Math.Max(streamTime, wallClock));
    }
}
