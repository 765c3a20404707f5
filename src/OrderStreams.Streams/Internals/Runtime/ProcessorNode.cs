namespace OrderStreams.Streams.Internals.Runtime;

/// <summary>A node instance inside one task.</summary>
internal abstract class ProcessorNode(string name)
{
    public string Name { get; } = name;

    public List<ProcessorNode> Children { get; } = [];

    public virtual void Init(TopologyTask task)
    {
    }

    /// <summary>The task committed: what the node forwarded before is delivered.</summary>
    public virtual void Committed()
    {
    }

    public virtual void Close()
    {
    }
}
