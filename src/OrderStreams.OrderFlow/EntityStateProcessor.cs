using OrderStreams.Streams.Processor;
using OrderStreams.Streams.State;

namespace OrderStreams.OrderFlow;

/// <summary>
/// The order flow's usual step: an event of a topic keyed by branch updates one entity's state (kept in a store
/// under the entity's id, not the branch) and may emit one record. Checks that the record key is the event's branch,
/// so a mis-keyed record goes to the dead-letter topic instead of silently breaking co-partitioning. With a
/// housekeeping schedule it also visits every entity of the task as time passes (deadlines, retention).
/// </summary>
public sealed class EntityStateProcessor<V, S, VOut>(
    string storeName,
    Func<V, string> branchOf,
    Func<V, string> entityOf,
    Func<S?, V, DateTimeOffset, StateStep<S, VOut>> step,
    Func<VOut, string> outputKey,
    Housekeeping<S, VOut>? housekeeping = null) : IProcessor<string, V, string, VOut>
    where S : class
    where VOut : class
{
    private IProcessorContext<string, VOut> context = null!;
    private IKeyValueStore<string, S> store = null!;
    private QuietClock? quietClock;

    public void Init(IProcessorContext<string, VOut> context)
    {
        this.context = context;
        store = context.GetStateStore<IKeyValueStore<string, S>>(storeName);
        if (housekeeping is null) return;
        context.Schedule(housekeeping.Interval, PunctuationType.StreamTime, Housekeep);
        if (housekeeping.IdleAfter is not { } idleAfter) return;
        quietClock = new QuietClock(idleAfter);
        quietClock.Observe(context.CurrentStreamTime, context.CurrentSystemTime);
        context.Schedule(housekeeping.Interval, PunctuationType.WallClockTime, HousekeepIfQuiet);
    }

    public void Process(Record<string, V> record)
    {
        var branch = branchOf(record.Value);
        if (record.Key != branch)
            throw new InvalidDataException($"Record key '{record.Key}' is not the event's branch '{branch}'; order-flow topics are keyed by branch.");
        quietClock?.Observe(context.CurrentStreamTime, context.CurrentSystemTime);
        var key = entityOf(record.Value);
        var before = store.Get(key);
        Apply(key, before, step(before, record.Value, DateTimeOffset.FromUnixTimeMilliseconds(record.Timestamp)), record.Timestamp);
    }

    private void HousekeepIfQuiet(long wallClock)
    {
        if (quietClock!.Now(context.CurrentStreamTime, wallClock) is { } now) Housekeep(now.ToUnixTimeMilliseconds());
    }

    private void Housekeep(long time)
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(time);
        foreach (var (key, state) in store.All().ToList())
        {
            Apply(key, state, housekeeping!.Visit(key, state, now), time);
        }
    }

    private void Apply(string key, S? before, StateStep<S, VOut> result, long timestamp)
    {
        if (!ReferenceEquals(before, result.State)) store.Put(key, result.State);
        if (result.Output is { } output) context.Forward(new Record<string, VOut>(outputKey(output), output, timestamp));
    }
}
