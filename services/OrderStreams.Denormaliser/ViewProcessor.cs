using OrderStreams.Contracts.Views;
using OrderStreams.Denormaliser.Domain;
using OrderStreams.Streams.Processor;

namespace OrderStreams.Denormaliser;

/// <summary>
/// Folds one kind of lifecycle event (re-keyed by order id) into the order's view and emits the view when it changed.
/// With a refresh interval it also re-emits live views whose branch or driver reference data changed, each in the trace
/// of its order (kept from the order's first event).
/// </summary>
internal sealed class ViewProcessor<V>(Func<V, Guid> orderOf, Func<OrderView?, V, ViewState, OrderView> fold, TimeSpan? referenceRefresh = null)
    : IProcessor<string, V, string, OrderView>
{
    private IProcessorContext<string, OrderView> context = null!;
    private ViewState state = null!;

    public void Init(IProcessorContext<string, OrderView> context)
    {
        this.context = context;
        state = new ViewState(context);
        if (referenceRefresh is { } interval) context.Schedule(interval, PunctuationType.WallClockTime, RefreshReferences);
    }

    public void Process(Record<string, V> record)
    {
        var before = state.View(orderOf(record.Value));
        var after = fold(before, record.Value, state);
        if (!state.Save(before, after))
        {
            // Nothing new: a repeat, or the event processed again after a crash that kept the view's change but maybe not
            // its output (the runtime sends outputs after the state changes). The view topic keeps the latest view per
            // order, so emitting the current view again is harmless and makes sure the topic has it.
            state.Index(after);
            Emit(after, record.Timestamp, null);
            return;
        }
        if (before is null && !OrderLifecycle.IsFinal(after.Status)) state.KeepTrace(after.OrderId, context.TraceParent);
        Emit(after, record.Timestamp, null);
    }

    private void RefreshReferences(long wallClock)
    {
        foreach (var view in state.RefreshReferences(DateTimeOffset.FromUnixTimeMilliseconds(wallClock)))
            Emit(view, wallClock, state.TraceOf(view.OrderId));
    }

    private void Emit(OrderView view, long timestamp, string? traceParent) =>
        context.Forward(new Record<string, OrderView>(view.OrderId.ToString(), view, timestamp).WithTraceParent(traceParent));
}
