namespace OrderStreams.Operations.Reset;

/// <summary>What a reset does to an internal topic.</summary>
public enum InternalTopicAction
{
    /// <summary>Deleted (DeleteTopics); the application creates it again, empty, when it starts.</summary>
    Delete,

    /// <summary>
    /// A tombstone is written for every key still alive in it, so restoring it yields an empty store (brokers without
    /// DeleteTopics, such as the embedded one).
    /// </summary>
    WriteTombstones,

    /// <summary>The group's offsets move to its end, so what it holds is not processed twice (brokers without DeleteTopics).</summary>
    SkipToEnd,

    /// <summary>Left as it is: its content stays valid (the instance registry, where the newest claim wins).</summary>
    Keep,
}
