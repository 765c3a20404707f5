using OrderStreams.Contracts.Events;
using OrderStreams.Streams.Processor;

namespace OrderStreams.DriverAssignment;

/// <summary>Applies one kind of event to the branch's dispatch state, which dispatches whatever the event made possible.</summary>
internal sealed class DispatchProcessor<V>(Func<V, string> branchOf, Func<DispatchState, V, DateTimeOffset, IReadOnlyList<OrderDriverAssigned>> apply)
    : IProcessor<string, V, string, OrderDriverAssigned>
{
    private IProcessorContext<string, OrderDriverAssigned> context = null!;
    private DispatchState state = null!;

    public void Init(IProcessorContext<string, OrderDriverAssigned> context)
    {
        this.context = context;
        state = new DispatchState(context);
    }

    public void Process(Record<string, V> record)
    {
        var branch = branchOf(record.Value);
        if (record.Key != branch)
            throw new InvalidDataException($"Record key '{record.Key}' is not the event's branch '{branch}'; order-flow topics are keyed by branch.");
        var now = DateTimeOffset.FromUnixTimeMilliseconds(record.Timestamp);
        foreach (var assigned in apply(state, record.Value, now))
            context.Forward(new Record<string, OrderDriverAssigned>(assigned.BranchId, assigned, record.Timestamp));
    }
}
