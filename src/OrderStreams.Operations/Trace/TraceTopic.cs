namespace OrderStreams.Operations.Trace;

/// <summary>A topic a trace reads, and what its key is (which tells the partitions an order's events can be on).</summary>
/// <param name="Name">Topic name.</param>
/// <param name="Key">What the records are keyed by.</param>
public sealed record TraceTopic(string Name, TraceKey Key);

/// <summary>What a traced topic's records are keyed by.</summary>
public enum TraceKey
{
    /// <summary>The branch id, partitioned by the routing table (the order flow).</summary>
    Branch,

    /// <summary>The order id, partitioned by murmur2 (orders.view).</summary>
    Order,

    /// <summary>Anything else (dead letters keep the original key): every partition is read.</summary>
    Other,
}
