using OrderStreams.Streams.Internals.Processors;

namespace OrderStreams.Streams;

/// <summary>
/// Collects the branches of <see cref="KStream{K,V}.Split"/>; finish with <see cref="DefaultBranch"/> or
/// <see cref="NoDefaultBranch"/> to get the branches by name (<c>&lt;split name&gt;-&lt;branch name or index&gt;</c>).
/// </summary>
public sealed class BranchedKStream<K, V>
{
    private readonly StreamsBuilder builder;
    private readonly KStream<K, V> parent;
    private readonly string name;
    private readonly List<(Func<K, V, bool> Predicate, string Child)> branches = [];
    private bool finished;

    internal BranchedKStream(StreamsBuilder builder, KStream<K, V> parent, string name)
    {
        this.builder = builder;
        this.parent = parent;
        this.name = name;
    }

    public BranchedKStream<K, V> Branch(Func<K, V, bool> predicate, string? branchName = null)
    {
        ThrowIfFinished();
        branches.Add((predicate, $"{name}-{branchName ?? (branches.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
        return this;
    }

    /// <summary>Records no predicate accepts go to the branch <c>&lt;split name&gt;-&lt;branchName or "0"&gt;</c>.</summary>
    public IReadOnlyDictionary<string, KStream<K, V>> DefaultBranch(string? branchName = null) => Finish($"{name}-{branchName ?? "0"}");

    /// <summary>Records no predicate accepts are dropped.</summary>
    public IReadOnlyDictionary<string, KStream<K, V>> NoDefaultBranch() => Finish(null);

    private IReadOnlyDictionary<string, KStream<K, V>> Finish(string? defaultChild)
    {
        ThrowIfFinished();
        finished = true;
        var predicates = branches.ToList();
        builder.Internal.AddNode(
            new Internals.Graph.ProcessorDefinition<K, V, K, V>(name, () => new KStreamBranch<K, V>(predicates, defaultChild)), parent.NodeName);
        var result = new Dictionary<string, KStream<K, V>>(StringComparer.Ordinal);
        foreach (var child in predicates.Select(b => b.Child).Append(defaultChild).OfType<string>())
        {
            builder.Internal.AddNode(new Internals.Graph.ProcessorDefinition<K, V, K, V>(child, () => new KStreamPassThrough<K, V>()), name);
            result[child] = new KStream<K, V>(builder, child, parent.KeySerde, parent.ValueSerde, parent.RepartitionRequired);
        }
        return result;
    }

    private void ThrowIfFinished()
    {
        if (finished) throw new InvalidOperationException($"Split '{name}' is already finished; add branches before DefaultBranch/NoDefaultBranch.");
    }
}
