namespace OrderStreams.Bench.Peer;

/// <summary>
/// What the Streamiz peer and the CLI that drives it say to each other: the peer writes these lines on standard
/// output (its logs go to standard error) and stops on <see cref="Stop"/> or when its standard input closes.
/// Compiled into both programs (the peer links this file), so the two sides cannot drift apart.
/// </summary>
public static class PeerProtocol
{
    /// <summary><c>starting &lt;UTC ticks&gt;</c>: written right before the engine is started.</summary>
    public const string Starting = "starting";

    /// <summary><c>state &lt;name&gt;</c>: the application changed state (RUNNING, ERROR, ...).</summary>
    public const string State = "state";

    /// <summary>
    /// <c>restored &lt;records&gt; &lt;restore seconds&gt; &lt;registration seconds&gt;</c>: every store partition is restored.
    /// </summary>
    public const string Restored = "restored";

    /// <summary>A line on standard input asking the peer to stop.</summary>
    public const string Stop = "stop";

    /// <summary>The pipelines the peer runs, named as <c>bench runtime</c> names ours.</summary>
    public static class Modes
    {
        public const string StatelessAvroMap = "stateless-avro-map";
        public const string StatefulAggregate = "stateful-rocksdb-aggregate";
        public const string StatefulUncached = "stateful-uncached";
        public const string Restore = "restore";
        public const string Stamp = "stamp";
    }

    /// <summary>The store names both engines use, so changelog topics are named alike.</summary>
    public static class Stores
    {
        public const string BranchTotals = "branch-totals";
        public const string OrdersById = "orders-by-id";
    }

    /// <summary>The changelog a store of <paramref name="applicationId"/> writes to (Kafka Streams' naming, Streamiz's too).</summary>
    public static string Changelog(string applicationId, string store) => $"{applicationId}-{store}-changelog";
}
