using OrderStreams.Contracts.Events;
using OrderStreams.PaymentCompletion.Domain;
using OrderStreams.Streams.Processor;
using OrderStreams.Streams.State;

namespace OrderStreams.PaymentCompletion;

/// <summary>
/// Applies one kind of event to the order's <see cref="PaymentState"/> and forwards any verdict keyed by branch. With
/// an expiry interval it also runs the stream-time deadline check over every order of the task.
/// </summary>
internal sealed class PaymentStateProcessor<V>(
    PaymentMatcher matcher,
    Func<V, Guid> orderIdOf,
    Func<V, string> branchIdOf,
    Func<PaymentState?, V, DateTimeOffset, PaymentStep> step,
    TimeSpan? expiryCheckInterval) : IProcessor<string, V, string, OrderPaymentOutcome>
{
    private IProcessorContext<string, OrderPaymentOutcome> context = null!;
    private IKeyValueStore<string, PaymentState> store = null!;

    public void Init(IProcessorContext<string, OrderPaymentOutcome> context)
    {
        this.context = context;
        store = context.GetStateStore<IKeyValueStore<string, PaymentState>>(PaymentCompletionTopology.StateStore);
        if (expiryCheckInterval is { } interval) context.Schedule(interval, PunctuationType.StreamTime, CheckDeadlines);
    }

    public void Process(Record<string, V> record)
    {
        if (record.Key != branchIdOf(record.Value))
            throw new InvalidDataException($"Record key '{record.Key}' is not the event's branch '{branchIdOf(record.Value)}'; order-flow topics are keyed by branch.");
        var key = orderIdOf(record.Value).ToString();
        var before = store.Get(key);
        Apply(key, before, step(before, record.Value, DateTimeOffset.FromUnixTimeMilliseconds(record.Timestamp)), record.Timestamp);
    }

    private void CheckDeadlines(long streamTime)
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(streamTime);
        foreach (var (key, state) in store.All().ToList())
        {
            Apply(key, state, matcher.OnStreamTime(Guid.Parse(key), state, now), streamTime);
        }
    }

    private void Apply(string key, PaymentState? before, PaymentStep result, long timestamp)
    {
        if (!ReferenceEquals(before, result.State)) store.Put(key, result.State);
        if (result.Outcome is { } outcome) context.Forward(new Record<string, OrderPaymentOutcome>(outcome.BranchId, outcome, timestamp));
    }
}
