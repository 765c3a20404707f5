using OrderStreams.Contracts.Views;
using OrderStreams.Streams.Processor;

namespace OrderStreams.Denormaliser;

/// <summary>
/// Folds one kind of lifecycle event (re-keyed by order id) into the order's view and emits the view when it changed.
/// With a refresh interval it also re-emits live views whose branch or driver reference data changed.
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
        if (state.Save(before, after)) Emit(after, record.Timestamp);
    }

    private void RefreshReferences(long wallClock)
    {
        foreach (var view in state.RefreshReferences(DateTimeOffset.FromUnixTimeMilliseconds(wallClock))) Emit(view, wallClock);
    }

    private void Emit(OrderView view, long timestamp) =>
        context.Forward(new Record<string, OrderView>(view.OrderId.ToString(), view, timestamp));
}
