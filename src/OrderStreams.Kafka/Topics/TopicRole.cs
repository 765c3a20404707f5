namespace OrderStreams.Kafka.Topics;

/// <summary>What a topic is to the system, which decides how much history it must keep (docs/operations.md).</summary>
public enum TopicRole
{
    /// <summary>
    /// Written by services from other topics, or internal: a shorter retention or compaction is enough, unless other
    /// services rebuild from it (then it keeps its history too).
    /// </summary>
    Derived,

    /// <summary>
    /// The source of truth, as the outside world sent it: views are rebuilt by replaying all of it, so it keeps its
    /// history (retention forever, or compaction where the latest value per key is the truth).
    /// </summary>
    Source,

    /// <summary>
    /// A source whose recent window is all a rebuild needs (driver pings: each driver's latest status): it keeps a
    /// bounded retention, and a rebuild is not partial because its older records are gone.
    /// </summary>
    Window,
}
