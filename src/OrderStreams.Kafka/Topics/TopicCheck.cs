using System.Globalization;

namespace OrderStreams.Kafka.Topics;

/// <summary>A manifest topic compared with what the cluster has.</summary>
/// <param name="Spec">What the manifest declares.</param>
/// <param name="Current">What the cluster has, or null when the topic is missing.</param>
/// <param name="Differences">Every declared setting the cluster has otherwise.</param>
public sealed record TopicCheck(TopicSpec Spec, TopicDescription? Current, IReadOnlyList<TopicDifference> Differences)
{
    public TopicStatus Status => Current is null ? TopicStatus.Missing : Differences.Count > 0 ? TopicStatus.Differs : TopicStatus.Matches;

    /// <summary>Why the configs were not compared (the cluster did not report them), or null when they were.</summary>
    public string? ConfigsNotChecked => Current is { Configs: null } current ? current.ConfigsUnavailable : null;

    /// <summary>
    /// How the cluster keeps less history than the manifest asks — a shorter retention.ms on a deleting topic, or a
    /// retention.bytes limit — or null when it keeps at least as much, or its configs were not reported.
    /// </summary>
    public string? ShorterRetention => Current?.Configs is { } configs ? TopicRetention.Shortfall(Spec, configs) : null;

    /// <summary>Compares partitions, replication and the declared configs.</summary>
    public static TopicCheck Of(TopicSpec spec, TopicDescription? current)
    {
        if (current is null) return new TopicCheck(spec, null, []);
        var differences = new List<TopicDifference>();
        if (current.Partitions.Count != spec.Partitions)
            differences.Add(new("partitions", Text(spec.Partitions), Text(current.Partitions.Count)));
        if (current.ReplicationFactor != spec.ReplicationFactor)
            differences.Add(new("replication", Text(spec.ReplicationFactor), Text(current.ReplicationFactor)));
        if (current.Configs is { } configs)
        {
            foreach (var (name, declared) in spec.Configs)
            {
                var actual = configs.GetValueOrDefault(name);
                if (actual is null || !SameConfig(name, declared, actual)) differences.Add(new(name, declared, actual ?? "(not set)"));
            }
        }
        return new TopicCheck(spec, current, differences);
    }

    // cleanup.policy is a list: "compact,delete" and "delete,compact" are the same policy.
    private static bool SameConfig(string name, string declared, string actual) =>
        name == "cleanup.policy"
            ? TopicRetention.Policies(declared).SetEquals(TopicRetention.Policies(actual))
            : declared == actual;

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
