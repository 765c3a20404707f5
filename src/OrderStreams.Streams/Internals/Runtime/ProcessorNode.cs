namespace OrderStreams.Streams.Internals.Runtime;

/// <summary>A node instance inside one task.</summary>
internal abstract class ProcessorNode(string name)
{
    public string Name { get; } = name;

    public List<ProcessorNode> Children { get; } = [];

    public virtual void Init(StreamTask task)
    {
    }

    public virtual void Close()
    {
    }
}
