using OrderStreams.Streams.Processor;

namespace OrderStreams.Streams.Internals.Processors;

/// <summary>Keeps the context for the DSL's processors.</summary>
internal abstract class ProcessorBase<KIn, VIn, KOut, VOut> : IProcessor<KIn, VIn, KOut, VOut>
{
    private IProcessorContext<KOut, VOut>? context;

    protected IProcessorContext<KOut, VOut> Context => context ?? throw new InvalidOperationException("The processor is used before Init.");

    public virtual void Init(IProcessorContext<KOut, VOut> processorContext) => context = processorContext;

    public abstract void Process(Record<KIn, VIn> record);
}
