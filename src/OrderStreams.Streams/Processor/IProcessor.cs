namespace OrderStreams.Streams.Processor;

/// <summary>A node of a topology: receives records one at a time and forwards any number of records downstream.</summary>
public interface IProcessor<KIn, VIn, KOut, VOut>
{
    /// <summary>Called once before the first record; keep the context to forward, reach stores and schedule punctuations.</summary>
    void Init(IProcessorContext<KOut, VOut> context)
    {
    }

    void Process(Record<KIn, VIn> record);

    /// <summary>
    /// Called after each commit of the task, once every record forwarded before it is delivered. A processor that keeps
    /// what it emitted until then, to emit it again should the process die first, lets it go here.
    /// </summary>
    void OnCommitted()
    {
    }

    void Close()
    {
    }
}
