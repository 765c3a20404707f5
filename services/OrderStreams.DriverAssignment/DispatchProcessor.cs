using OrderStreams.Contracts.Events;
using OrderStreams.DriverAssignment.Domain;
using OrderStreams.OrderFlow;
using OrderStreams.Streams.Processor;

namespace OrderStreams.DriverAssignment;

/// <summary>
/// Applies one kind of event to the branch's dispatch state, which dispatches whatever the event made possible. The
/// task's <paramref name="housekeeper"/> (one of the processors sharing the stores) also emits again, on its first
/// wall-clock tick, the assignments an earlier instance may not have delivered, and forgets old deliveries.
/// </summary>
internal sealed class DispatchProcessor<V>(
    Func<V, string> branchOf, Func<DispatchState, V, DateTimeOffset, IReadOnlyList<Assignment>> apply, bool housekeeper = false)
    : IProcessor<string, V, string, OrderDriverAssigned>
{
    private IProcessorContext<string, OrderDriverAssigned> context = null!;
    private DispatchState state = null!;

    public void Init(IProcessorContext<string, OrderDriverAssigned> context)
    {
        this.context = context;
        state = new DispatchState(context);
        if (!housekeeper) return;
        // Repaired now, before any input is processed again; emitted once every processor of the task is initialised.
        state.FreeStaleReservations();
        var again = state.Unannounced();
        FirstTick.Schedule(context, () =>
        {
            foreach (var assignment in again)
            {
                state.EmittedAgain(assignment);
                Emit(assignment, assignment.Assigned.At.ToUnixTimeMilliseconds());
            }
        });
        context.Schedule(DriverAssignmentTopology.CleanupInterval, PunctuationType.StreamTime, streamTime =>
            state.ForgetDeliveredBefore(DateTimeOffset.FromUnixTimeMilliseconds(streamTime) - DriverAssignmentTopology.DeliveredRetention));
    }

    public void Process(Record<string, V> record)
    {
        var branch = branchOf(record.Value);
        if (record.Key != branch)
            throw new InvalidDataException($"Record key '{record.Key}' is not the event's branch '{branch}'; order-flow topics are keyed by branch.");
        var now = DateTimeOffset.FromUnixTimeMilliseconds(record.Timestamp);
        // An assignment continues its order's trace, also when another order's delivery or a driver's ping made it.
        foreach (var assignment in apply(state, record.Value, now)) Emit(assignment, record.Timestamp);
    }

    public void OnCommitted() => state.Announce();

    private void Emit(Assignment assignment, long timestamp)
    {
        var assigned = assignment.Assigned;
        context.Forward(new Record<string, OrderDriverAssigned>(assigned.BranchId, assigned, timestamp).WithTraceParent(assignment.TraceParent));
    }
}
