using OrderStreams.Streams.Processor;
using OrderStreams.Streams.State;

namespace OrderStreams.Streams.Internals.Runtime;

/// <summary>Runs one <see cref="IProcessor{KIn,VIn,KOut,VOut}"/> and is its context.</summary>
internal sealed class ProcessorNode<KIn, VIn, KOut, VOut>(string name, IProcessor<KIn, VIn, KOut, VOut> processor, IReadOnlyList<string> storeNames)
    : ProcessorNode(name), IRecordReceiver<KIn, VIn>, IProcessorContext<KOut, VOut>
{
    private readonly Forwarder<KOut, VOut> forwarder = new();
    private TopologyTask? task;

    private TopologyTask Task => task ?? throw new InvalidOperationException($"Processor '{Name}' is used before its task initialised it.");

    public string ApplicationId => Task.ApplicationId;

    public TaskId TaskId => Task.Id;

    public RecordMetadata? RecordMetadata => Task.CurrentMetadata;

    public long CurrentStreamTime => Task.StreamTime;

    public string? TraceParent => Task.CurrentTraceParent;

    public long CurrentSystemTime => Task.Clock.NowMs;

    public long? CaughtUpSince => Task.CaughtUpSince;

    public override void Init(TopologyTask owner)
    {
        task = owner;
        forwarder.Connect(this);
        processor.Init(this);
    }

    public void Receive(in Record<KIn, VIn> record) => processor.Process(record);

    public override void Committed() => processor.OnCommitted();

    public override void Close() => processor.Close();

    public void Forward(Record<KOut, VOut> record) => forwarder.Forward(record);

    public void Forward(Record<KOut, VOut> record, string childName) => forwarder.Forward(record, childName, Name);

    public S GetStateStore<S>(string name) where S : IStateStore
    {
        var store = Task.Store(name, Name, storeNames);
        return store is S typed
            ? typed
            : throw new TopologyException($"Store '{name}' is a {store.GetType().Name}, not the {typeof(S).Name} processor '{Name}' asked for.");
    }

    public IDisposable Schedule(TimeSpan interval, PunctuationType type, Punctuator punctuator) => Task.Schedule(interval, type, punctuator);

    public void Commit() => Task.RequestCommit();
}
