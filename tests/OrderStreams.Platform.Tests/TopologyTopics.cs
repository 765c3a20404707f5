using System.Text.RegularExpressions;
using OrderStreams.Streams;

namespace OrderStreams.Platform.Tests;

/// <summary>
/// The user topics a topology reads and writes, read from its <see cref="Topology.Describe"/> outline: internal topics
/// (repartition, changelog) are left out, being found by the application id rather than listed.
/// </summary>
/// <param name="Sources">Topics its stream sub-topologies read.</param>
/// <param name="Sinks">Topics it writes.</param>
/// <param name="GlobalSources">Topics it loads whole into global tables.</param>
internal sealed partial record TopologyTopics(IReadOnlySet<string> Sources, IReadOnlySet<string> Sinks, IReadOnlySet<string> GlobalSources)
{
    private const string InternalPrefix = "<application.id>-";

    public static TopologyTopics Of(Topology topology)
    {
        HashSet<string> sources = [], sinks = [], globalSources = [];
        var inGlobal = false;
        foreach (var line in topology.Describe().Split('\n'))
        {
            if (line.StartsWith("  Global sub-topology", StringComparison.Ordinal)) inGlobal = true;
            else if (line.StartsWith("  Sub-topology:", StringComparison.Ordinal)) inGlobal = false;
            else if (SourceLine().Match(line) is { Success: true } source)
                (inGlobal ? globalSources : sources).UnionWith(UserTopics(source.Groups["topics"].Value.Split(", ")));
            else if (SinkLine().Match(line) is { Success: true } sink)
                sinks.UnionWith(UserTopics([sink.Groups["topic"].Value]));
        }
        return new TopologyTopics(sources, sinks, globalSources);
    }

    private static IEnumerable<string> UserTopics(IEnumerable<string> topics) =>
        topics.Where(t => !t.StartsWith(InternalPrefix, StringComparison.Ordinal));

    [GeneratedRegex(@"^\s+Source: \S+ \(topics: \[(?<topics>[^\]]*)\]\)$")]
    private static partial Regex SourceLine();

    [GeneratedRegex(@"^\s+Sink: \S+ \(topic: (?<topic>[^)]*)\)$")]
    private static partial Regex SinkLine();
}
