using OrderStreams.BranchAssignment.Domain;
using OrderStreams.Contracts.Entities;
using OrderStreams.Contracts.Events;
using OrderStreams.Streams.Processor;
using OrderStreams.Streams.State;

namespace OrderStreams.BranchAssignment;

/// <summary>
/// Runs in the candidate branch's task, the only writer of that branch's load: accepts (reserving capacity), or
/// passes the order on. A request for an order the branch already accepted (a redelivery) is dropped.
/// </summary>
internal sealed class BranchRequestProcessor(BranchAssigner assigner) : IProcessor<string, BranchAssignmentRequest, string, AssignmentDecision>
{
    private IProcessorContext<string, AssignmentDecision> context = null!;
    private IKeyValueStore<string, BranchLoad> loads = null!;
    private IKeyValueStore<string, Branch> branches = null!;

    public void Init(IProcessorContext<string, AssignmentDecision> context)
    {
        this.context = context;
        loads = context.GetStateStore<IKeyValueStore<string, BranchLoad>>(BranchAssignmentTopology.LoadStore);
        branches = context.GetStateStore<IKeyValueStore<string, Branch>>(BranchAssignmentTopology.BranchesStore);
    }

    public void Process(Record<string, BranchAssignmentRequest> record)
    {
        var request = record.Value;
        if (record.Key != request.CandidateBranchId)
            throw new InvalidDataException($"Record key '{record.Key}' is not the request's candidate branch '{request.CandidateBranchId}'.");
        var load = loads.Get(request.CandidateBranchId) ?? BranchLoad.None;
        if (load.Accepted.Contains(request.Order.OrderId)) return;

        var decision = assigner.Decide(request, branches.Get(request.CandidateBranchId), load, branches.All().Select(b => b.Value), DateTimeOffset.FromUnixTimeMilliseconds(record.Timestamp));
        if (decision.Outcome is { Outcome: OrderBranchAssigned }) loads.Put(request.CandidateBranchId, load.With(request.Order.OrderId));
        context.Forward(new Record<string, AssignmentDecision>(decision.Key, decision, record.Timestamp));
    }
}
