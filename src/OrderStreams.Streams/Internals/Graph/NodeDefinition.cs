using OrderStreams.Streams.Internals.Runtime;

namespace OrderStreams.Streams.Internals.Graph;

/// <summary>A node of the topology as built by the DSL; every task instantiates its own <see cref="ProcessorNode"/> from it.</summary>
internal abstract class NodeDefinition(string name)
{
    public string Name { get; } = name;

    public List<string> Parents { get; } = [];

    public List<string> Children { get; } = [];

    public List<string> StoreNames { get; } = [];

    public abstract ProcessorNode Create(StreamsConfig config);

    /// <summary>Resolves serdes so that a missing one fails at start-up instead of on the first record.</summary>
    public virtual void Validate(StreamsConfig config)
    {
    }

    public abstract string Describe();
}
