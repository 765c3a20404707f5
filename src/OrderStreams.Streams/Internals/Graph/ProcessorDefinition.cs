using OrderStreams.Streams.Internals.Runtime;
using OrderStreams.Streams.Processor;

namespace OrderStreams.Streams.Internals.Graph;

internal sealed class ProcessorDefinition<KIn, VIn, KOut, VOut>(string name, Func<IProcessor<KIn, VIn, KOut, VOut>> supplier) : NodeDefinition(name)
{
    public override ProcessorNode Create(StreamsConfig config) => new ProcessorNode<KIn, VIn, KOut, VOut>(Name, supplier(), StoreNames);

    public override string Describe() =>
        $"Processor: {Name} (stores: [{string.Join(", ", StoreNames)}])";
}
