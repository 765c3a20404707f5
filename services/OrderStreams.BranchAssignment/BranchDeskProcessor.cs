using OrderStreams.BranchAssignment.Domain;
using OrderStreams.Contracts.Entities;
using OrderStreams.Streams.Processor;
using OrderStreams.Streams.State;

namespace OrderStreams.BranchAssignment;

/// <summary>
/// Runs steps of a branch's <see cref="BranchDesk"/> in the task owning the branch's partition, the only writer of its
/// load: reads the load and the branch, stores the new load and each decision (<see cref="DeskDecision"/>), forwards
/// the decisions. A decision is announced once the commit after it delivered it.
/// </summary>
internal abstract class BranchDeskProcessor<V> : IProcessor<string, V, string, AssignmentDecision>
{
    private readonly HashSet<string> unannounced = new(StringComparer.Ordinal);
    private IKeyValueStore<string, BranchLoad> loads = null!;
    private IKeyValueStore<string, Branch> branches = null!;
    private IKeyValueStore<string, DeskDecision> decisions = null!;

    protected IProcessorContext<string, AssignmentDecision> Context { get; private set; } = null!;

    public virtual void Init(IProcessorContext<string, AssignmentDecision> context)
    {
        Context = context;
        loads = context.GetStateStore<IKeyValueStore<string, BranchLoad>>(BranchAssignmentTopology.LoadStore);
        branches = context.GetStateStore<IKeyValueStore<string, Branch>>(BranchAssignmentTopology.BranchesStore);
        decisions = context.GetStateStore<IKeyValueStore<string, DeskDecision>>(BranchAssignmentTopology.DecisionsStore);
    }

    public abstract void Process(Record<string, V> record);

    public void OnCommitted()
    {
        foreach (var key in unannounced)
        {
            if (decisions.Get(key) is { Unannounced: true } decision) decisions.Put(key, decision with { Unannounced = false });
        }
        unannounced.Clear();
    }

    protected void Step(string branchId, Func<Branch?, BranchLoad, IEnumerable<Branch>, DeskStep> step, long timestamp)
    {
        var before = loads.Get(branchId) ?? BranchLoad.None;
        var result = step(branches.Get(branchId), WithoutDecided(branchId, before), branches.All().Select(b => b.Value));
        if (!ReferenceEquals(before, result.Load)) loads.Put(branchId, result.Load);
        foreach (var decision in result.Decisions)
        {
            var key = DeskDecision.Key(branchId, decision.OrderId);
            var at = DateTimeOffset.FromUnixTimeMilliseconds(timestamp);
            decisions.Put(key, DeskDecision.Of(decision, at, decision.TraceParent ?? Context.TraceParent));
            unannounced.Add(key);
            Forward(decision, timestamp);
        }
    }

    /// <summary>
    /// The load without waiting orders the branch already decided about: a crash can keep a decision but lose the
    /// load's change that took the order out of the line, and the order must not be decided about twice.
    /// </summary>
    private BranchLoad WithoutDecided(string branchId, BranchLoad load)
    {
        if (load.Waiting.Count == 0) return load;
        var undecided = load.Waiting.Where(w => !Decided(branchId, w.Request.Order.OrderId)).ToList();
        return undecided.Count == load.Waiting.Count ? load : load with { Waiting = undecided };
    }

    /// <summary>True when the branch decided about the order before: a repeated offer changes nothing.</summary>
    protected bool Decided(string branchId, Guid orderId) => decisions.Get(DeskDecision.Key(branchId, orderId)) is not null;

    /// <summary>Emits again the decisions an earlier instance of the task may not have delivered.</summary>
    protected void EmitUnannounced()
    {
        foreach (var (key, decision) in decisions.All().Where(d => d.Value.Unannounced).ToList())
        {
            unannounced.Add(key);
            Forward(decision.ToDecision(Guid.Parse(key[(key.LastIndexOf('/') + 1)..])), decision.Timestamp.ToUnixTimeMilliseconds());
        }
    }

    /// <summary>Forgets decisions made before <paramref name="before"/>: a repeat of their offer is long past.</summary>
    protected void ForgetDecidedBefore(DateTimeOffset before)
    {
        foreach (var key in decisions.All().Where(d => d.Value.Timestamp < before).Select(d => d.Key).ToList()) decisions.Delete(key);
    }

    /// <summary>The task's branches with orders waiting for capacity.</summary>
    protected IReadOnlyList<string> BranchesWithWaitingOrders() => loads.All().Where(l => l.Value.Waiting.Count > 0).Select(l => l.Key).ToList();

    private void Forward(AssignmentDecision decision, long timestamp) =>
        Context.Forward(new Record<string, AssignmentDecision>(decision.Key, decision, timestamp).WithTraceParent(decision.TraceParent));
}
