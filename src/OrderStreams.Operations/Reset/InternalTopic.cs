using System.Text.RegularExpressions;

namespace OrderStreams.Operations.Reset;

/// <summary>One internal topic of a streams application.</summary>
public sealed partial record InternalTopic(string Name, InternalTopicKind Kind, int Partitions)
{
    /// <summary>
    /// The kind of <paramref name="topic"/> when it belongs to <paramref name="applicationId"/>, else null. Topics of
    /// the versions and replays derived from it (<c>denormaliser-v2-…</c>, <c>denormaliser-replay-…</c>) share the
    /// prefix but belong to those applications.
    /// </summary>
    public static InternalTopicKind? KindOf(string applicationId, string topic)
    {
        if (topic == $"{applicationId}-instances") return InternalTopicKind.InstanceRegistry;
        if (!topic.StartsWith(applicationId + "-", StringComparison.Ordinal)) return null;
        var rest = topic[(applicationId.Length + 1)..];
        if (DerivedApplication().IsMatch(rest)) return null;
        if (rest.EndsWith("-changelog", StringComparison.Ordinal)) return InternalTopicKind.Changelog;
        if (rest.EndsWith("-repartition", StringComparison.Ordinal)) return InternalTopicKind.Repartition;
        return null;
    }

    [GeneratedRegex(@"^(v[0-9]+|replay-[0-9a-z]+|asof-[0-9]{8}T[0-9]{6}Z)-")]
    private static partial Regex DerivedApplication();
}
