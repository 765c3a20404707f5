namespace OrderStreams.Bench;

/// <summary>
/// When each order of a latency run was produced (<see cref="System.Diagnostics.Stopwatch"/> timestamps by order
/// index), so a reader of branch totals can give every order its latency: the time until the first total counting it.
/// </summary>
public sealed class OrderSendTimes(int orders)
{
    private readonly long[] timestamps = new long[orders];

    public int Count => timestamps.Length;

    public void Sent(int order, long timestamp) => Volatile.Write(ref timestamps[order], timestamp);

    /// <summary>The order's send timestamp, or 0 when it was not sent (yet).</summary>
    public long SentAt(int order) => Volatile.Read(ref timestamps[order]);
}
