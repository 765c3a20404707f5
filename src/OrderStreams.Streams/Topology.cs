using System.Text;
using OrderStreams.Streams.Internals.Graph;
using OrderStreams.Streams.State;

namespace OrderStreams.Streams;

/// <summary>The built processing graph: sub-topologies of source, processor and sink nodes, their stores and internal topics.</summary>
public sealed class Topology
{
    internal Topology(
        IReadOnlyDictionary<string, NodeDefinition> nodes,
        IReadOnlyDictionary<string, StoreBuilder> stores,
        IReadOnlyList<Subtopology> subtopologies,
        Subtopology? globalSubtopology,
        IReadOnlySet<string> globalStores,
        IReadOnlyDictionary<string, int?> repartitionTopics)
    {
        Nodes = nodes;
        Stores = stores;
        Subtopologies = subtopologies;
        GlobalSubtopology = globalSubtopology;
        GlobalStores = globalStores;
        RepartitionTopics = repartitionTopics;
    }

    internal IReadOnlyDictionary<string, NodeDefinition> Nodes { get; }

    internal IReadOnlyDictionary<string, StoreBuilder> Stores { get; }

    internal IReadOnlyList<Subtopology> Subtopologies { get; }

    internal Subtopology? GlobalSubtopology { get; }

    internal IReadOnlySet<string> GlobalStores { get; }

    /// <summary>Repartition topic names (without the application id prefix) and their explicit partition counts.</summary>
    internal IReadOnlyDictionary<string, int?> RepartitionTopics { get; }

    /// <summary>The names of every store, for interactive queries.</summary>
    public IReadOnlyCollection<string> StoreNames => Stores.Keys.ToList();

    /// <summary>Changelog topic of a store: <c>&lt;application.id&gt;-&lt;store&gt;-changelog</c>.</summary>
    public static string ChangelogTopic(string applicationId, string storeName) => $"{applicationId}-{storeName}-changelog";

    internal Subtopology SubtopologyOfStore(string storeName) =>
        Subtopologies.FirstOrDefault(s => s.StoreNames.Contains(storeName))
        ?? throw new TopologyException($"Store '{storeName}' is not used by any sub-topology.");

    /// <summary>Checks every serde and store against <paramref name="config"/>; called when an application is built.</summary>
    internal void Validate(StreamsConfig config)
    {
        foreach (var node in Nodes.Values) node.Validate(config);
        foreach (var store in Stores.Values) store.Build(config).Bytes.Dispose();
    }

    /// <summary>A readable outline in the spirit of Kafka Streams' <c>TopologyDescription</c>.</summary>
    public string Describe()
    {
        var text = new StringBuilder("Topologies:\n");
        foreach (var sub in GlobalSubtopology is null ? Subtopologies : Subtopologies.Append(GlobalSubtopology))
        {
            text.Append(sub.Id < 0 ? "  Global sub-topology\n" : $"  Sub-topology: {sub.Id}\n");
            foreach (var name in sub.NodeNames)
            {
                var node = Nodes[name];
                text.Append("    ").Append(node.Describe()).Append('\n');
                if (node.Children.Count > 0) text.Append("      --> ").Append(string.Join(", ", node.Children)).Append('\n');
                if (node.Parents.Count > 0) text.Append("      <-- ").Append(string.Join(", ", node.Parents)).Append('\n');
            }
        }
        return text.ToString();
    }

    public override string ToString() => Describe();
}
