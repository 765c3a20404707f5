using OrderStreams.Streams.Processor;
using OrderStreams.Streams.State;

namespace OrderStreams.OrderFlow;

/// <summary>
/// The order flow's usual step: an event of a topic keyed by branch updates one entity's state (kept in a store
/// under the entity's id, not the branch) and may emit one record. Checks that the record key is the event's branch,
/// so a mis-keyed record goes to the dead-letter topic instead of silently breaking co-partitioning. With a
/// housekeeping schedule it also visits the entities of the task as they fall due (deadlines, retention). The state keeps
/// the trace context of the entity's first event, and what housekeeping emits continues that trace. With
/// <see cref="EntityStep{V, S, VOut}.Announcements"/> an output is kept in the state until delivered and re-emitted after a crash.
/// </summary>
public sealed class EntityStateProcessor<V, S, VOut>(EntityStep<V, S, VOut> step) : IProcessor<string, V, string, VOut>
    where S : class, ITracedState<S>
    where VOut : class
{
    private readonly Housekeeping<S, VOut>? housekeeping = step.Housekeeping;
    private readonly Announcements<S, VOut>? announcements = step.Announcements;
    private readonly HashSet<string> unannounced = new(StringComparer.Ordinal);
    private IProcessorContext<string, VOut> context = null!;
    private IKeyValueStore<string, S> store = null!;
    private DueIndex due = null!;

    public void Init(IProcessorContext<string, VOut> context)
    {
        this.context = context;
        store = context.GetStateStore<IKeyValueStore<string, S>>(step.Store);
        due = DueIndex.Of(store);
        if (announcements is { EmitOnStart: true }) FirstTick.Schedule(context, EmitUnannounced);
        if (housekeeping is null) return;
        context.Schedule(housekeeping.Interval, PunctuationType.StreamTime, Housekeep);
        if (housekeeping.IdleAfter is { } idleAfter) QuietClock.Schedule(context, housekeeping.Interval, idleAfter, Housekeep);
    }

    public void Process(Record<string, V> record)
    {
        var branch = step.BranchOf(record.Value);
        if (record.Key != branch)
            throw new InvalidDataException($"Record key '{record.Key}' is not the event's branch '{branch}'; order-flow topics are keyed by branch.");
        var key = step.EntityOf(record.Value);
        var before = store.Get(key);
        var result = step.Step(before, record.Value, DateTimeOffset.FromUnixTimeMilliseconds(record.Timestamp));
        if (result.State is { TraceParent: null } state && !ReferenceEquals(before, state) && context.TraceParent is { } traceParent)
            result = result with { State = state.WithTraceParent(traceParent) };
        Apply(key, before, result, record.Timestamp, null);
    }

    /// <summary>The outputs delivered by the commit are announced: a later crash no longer re-emits them.</summary>
    public void OnCommitted()
    {
        if (announcements is null || unannounced.Count == 0) return;
        foreach (var key in unannounced)
        {
            if (store.Get(key) is { } state && announcements.Unannounced(key, state) is not null)
                store.Put(key, announcements.Announced(state));
        }
        unannounced.Clear();
    }

    /// <summary>
    /// On the first wall-clock tick of a new instance (every processor of the task is initialised by then): the outputs
    /// of an earlier instance that may not have been delivered.
    /// </summary>
    private void EmitUnannounced()
    {
        foreach (var (key, state) in store.All().ToList())
        {
            if (announcements!.Unannounced(key, state) is not { } pending) continue;
            unannounced.Add(key);
            var output = pending.Output;
            var timestamp = pending.Timestamp.ToUnixTimeMilliseconds();
            context.Forward(new Record<string, VOut>(step.OutputKey(output), output, timestamp).WithTraceParent(state.TraceParent));
        }
    }

    private void Housekeep(long time)
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(time);
        var visits = due.Built
            ? due.TakeDue(time).Select(key => KeyValuePair.Create(key, store.Get(key))).ToList()
            : store.All().Select(entry => KeyValuePair.Create(entry.Key, (S?)entry.Value)).ToList();
        due.Built = true;
        foreach (var (key, state) in visits)
        {
            if (state is null) continue;
            var result = housekeeping!.Visit(key, state, now);
            Apply(key, state, result, time, state.TraceParent);
            due.Schedule(key, result.State is { } after ? housekeeping.DueAt(after).ToUnixTimeMilliseconds() : null);
        }
    }

    /// <param name="traceParent">The trace the output continues; null: the trace of the record being processed.</param>
    private void Apply(string key, S? before, StateStep<S, VOut> result, long timestamp, string? traceParent)
    {
        if (!ReferenceEquals(before, result.State))
        {
            store.Put(key, result.State);
            due.Changed(key);
        }
        if (result.Output is not { } output) return;
        if (announcements is not null && result.State is { } decided && announcements.Unannounced(key, decided) is not null)
            unannounced.Add(key);
        context.Forward(new Record<string, VOut>(step.OutputKey(output), output, timestamp).WithTraceParent(traceParent));
    }
}
