namespace OrderStreams.Kafka.Topics;

/// <summary>How a manifest topic stands on a cluster.</summary>
public enum TopicStatus
{
    /// <summary>The cluster has no such topic.</summary>
    Missing,

    /// <summary>It exists with every setting the manifest declares (configs only as far as the cluster reports them).</summary>
    Matches,

    /// <summary>It exists, but some setting differs; nothing changes it without a person deciding how.</summary>
    Differs,
}
