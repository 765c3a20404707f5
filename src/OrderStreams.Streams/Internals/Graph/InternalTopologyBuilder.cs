using OrderStreams.Streams.State;

namespace OrderStreams.Streams.Internals.Graph;

/// <summary>Collects the nodes and stores the DSL creates, and cuts them into sub-topologies.</summary>
internal sealed class InternalTopologyBuilder
{
    private readonly List<NodeDefinition> nodes = [];
    private readonly Dictionary<string, NodeDefinition> byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StoreBuilder> stores = new(StringComparer.Ordinal);
    private readonly HashSet<string> globalNodes = new(StringComparer.Ordinal);
    private readonly HashSet<string> globalStores = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int?> repartitionTopics = new(StringComparer.Ordinal);
    private int index;

    public string NewName(string prefix) => $"{prefix}{index++:D10}";

    public NodeDefinition Node(string name) =>
        byName.TryGetValue(name, out var node) ? node : throw new TopologyException($"No node named '{name}' in the topology.");

    public void AddNode(NodeDefinition node, params string[] parents)
    {
        if (!byName.TryAdd(node.Name, node)) throw new TopologyException($"The topology already has a node named '{node.Name}'; names must be unique.");
        nodes.Add(node);
        foreach (var parent in parents)
        {
            Node(parent).Children.Add(node.Name);
            node.Parents.Add(parent);
        }
    }

    public void AddStore(StoreBuilder store)
    {
        if (stores.TryGetValue(store.Name, out var existing) && !ReferenceEquals(existing, store))
            throw new TopologyException($"The topology already has a store named '{store.Name}'; store names must be unique.");
        stores[store.Name] = store;
    }

    public void ConnectStore(string storeName, string nodeName)
    {
        if (!stores.ContainsKey(storeName)) throw new TopologyException($"Node '{nodeName}' uses store '{storeName}', which was never added (StreamsBuilder.AddStateStore).");
        var node = Node(nodeName);
        if (!node.StoreNames.Contains(storeName)) node.StoreNames.Add(storeName);
    }

    public void AddGlobalStore(StoreBuilder store, NodeDefinition source, NodeDefinition processor)
    {
        AddStore(store);
        globalStores.Add(store.Name);
        AddNode(source);
        AddNode(processor, source.Name);
        globalNodes.Add(source.Name);
        globalNodes.Add(processor.Name);
        processor.StoreNames.Add(store.Name);
    }

    public void AddRepartitionTopic(string name, int? partitions)
    {
        if (!repartitionTopics.TryAdd(name, partitions))
            throw new TopologyException($"Two repartition steps are named '{name}'; give them distinct names.");
    }

    public Topology Build()
    {
        var groups = ConnectedGroups();
        var subtopologies = groups
            .Select((members, id) => Describe(id, members))
            .ToList();
        var global = globalNodes.Count == 0 ? null : Describe(-1, nodes.Where(n => globalNodes.Contains(n.Name)).ToList(), includeGlobalStores: true);
        return new Topology(
            new Dictionary<string, NodeDefinition>(byName),
            new Dictionary<string, StoreBuilder>(stores),
            subtopologies,
            global,
            new HashSet<string>(globalStores),
            new Dictionary<string, int?>(repartitionTopics));
    }

    private Subtopology Describe(int id, IReadOnlyList<NodeDefinition> members, bool includeGlobalStores = false) => new(
        id,
        members.Select(n => n.Name).ToList(),
        members.OfType<SourceDefinition>().SelectMany(s => s.Topics).Distinct().ToList(),
        members.OfType<SinkDefinition>().Select(s => s.Topic).Distinct().ToList(),
        members.SelectMany(n => n.StoreNames).Where(s => includeGlobalStores || !globalStores.Contains(s)).Distinct().ToList());

    private List<List<NodeDefinition>> ConnectedGroups()
    {
        var parent = new Dictionary<string, string>(StringComparer.Ordinal);
        string Find(string x)
        {
            while (parent[x] != x) x = parent[x] = parent[parent[x]];
            return x;
        }
        void Union(string a, string b) => parent[Find(a)] = Find(b);

        var local = nodes.Where(n => !globalNodes.Contains(n.Name)).ToList();
        foreach (var node in local) parent[node.Name] = node.Name;
        foreach (var node in local)
        {
            foreach (var p in node.Parents) Union(node.Name, p);
        }
        foreach (var storeUsers in local.SelectMany(n => n.StoreNames.Where(s => !globalStores.Contains(s)).Select(s => (Store: s, Node: n.Name))).GroupBy(x => x.Store))
        {
            var first = storeUsers.First().Node;
            foreach (var user in storeUsers) Union(user.Node, first);
        }
        // Creation order is topological (parents exist before children), and orders sub-topologies by their first node.
        return local.GroupBy(n => Find(n.Name)).Select(g => g.ToList()).ToList();
    }
}
