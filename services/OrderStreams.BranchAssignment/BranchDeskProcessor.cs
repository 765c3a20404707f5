using OrderStreams.BranchAssignment.Domain;
using OrderStreams.Contracts.Entities;
using OrderStreams.Streams.Processor;
using OrderStreams.Streams.State;

namespace OrderStreams.BranchAssignment;

/// <summary>
/// Runs steps of a branch's <see cref="BranchDesk"/> in the task owning the branch's partition, the only writer of its
/// load: reads the load and the branch, stores the new load, forwards the decisions.
/// </summary>
internal abstract class BranchDeskProcessor<V> : IProcessor<string, V, string, AssignmentDecision>
{
    private IKeyValueStore<string, BranchLoad> loads = null!;
    private IKeyValueStore<string, Branch> branches = null!;

    protected IProcessorContext<string, AssignmentDecision> Context { get; private set; } = null!;

    public virtual void Init(IProcessorContext<string, AssignmentDecision> context)
    {
        Context = context;
        loads = context.GetStateStore<IKeyValueStore<string, BranchLoad>>(BranchAssignmentTopology.LoadStore);
        branches = context.GetStateStore<IKeyValueStore<string, Branch>>(BranchAssignmentTopology.BranchesStore);
    }

    public abstract void Process(Record<string, V> record);

    protected void Step(string branchId, Func<Branch?, BranchLoad, IEnumerable<Branch>, DeskStep> step, long timestamp)
    {
        var before = loads.Get(branchId) ?? BranchLoad.None;
        var result = step(branches.Get(branchId), before, branches.All().Select(b => b.Value));
        if (!ReferenceEquals(before, result.Load)) loads.Put(branchId, result.Load);
        foreach (var decision in result.Decisions) Context.Forward(new Record<string, AssignmentDecision>(decision.Key, decision, timestamp));
    }

    /// <summary>The task's branches with orders waiting for capacity.</summary>
    protected IReadOnlyList<string> BranchesWithWaitingOrders() => loads.All().Where(l => l.Value.Waiting.Count > 0).Select(l => l.Key).ToList();
}
