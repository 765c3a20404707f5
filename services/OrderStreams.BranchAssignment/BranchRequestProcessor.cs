using OrderStreams.BranchAssignment.Domain;
using OrderStreams.Contracts.Events;
using OrderStreams.OrderFlow;
using OrderStreams.Streams.Processor;

namespace OrderStreams.BranchAssignment;

/// <summary>
/// Runs in the candidate branch's task: accepts (reserving capacity), lets the order wait for capacity, or passes it
/// on. A request for an order the branch already holds (a redelivery) is dropped. Every
/// <see cref="BranchAssignmentOptions.DeadlineCheckInterval"/> of stream time, and on the wall clock once the task is
/// caught up with its input and idle (<see cref="QuietClock"/>), it moves on or rejects waiting orders whose time is up.
/// On a new instance's first wall-clock tick it emits again the decisions an earlier one may not have delivered; every
/// cleanup interval it forgets decisions older than the retention.
/// </summary>
internal sealed class BranchRequestProcessor(BranchDesk desk, BranchAssignmentOptions options) : BranchDeskProcessor<BranchAssignmentRequest>
{
    public override void Init(IProcessorContext<string, AssignmentDecision> context)
    {
        base.Init(context);
        context.Schedule(options.DeadlineCheckInterval, PunctuationType.StreamTime, ReviewWaiting);
        QuietClock.Schedule(context, options.DeadlineCheckInterval, options.IdleAfter, ReviewWaiting);
        FirstTick.Schedule(context, EmitUnannounced);
        context.Schedule(options.CleanupInterval, PunctuationType.StreamTime, streamTime =>
            ForgetDecidedBefore(DateTimeOffset.FromUnixTimeMilliseconds(streamTime) - options.PendingRetention));
    }

    public override void Process(Record<string, BranchAssignmentRequest> record)
    {
        var request = record.Value;
        if (record.Key != request.CandidateBranchId)
            throw new InvalidDataException($"Record key '{record.Key}' is not the request's candidate branch '{request.CandidateBranchId}'.");
        if (Decided(request.CandidateBranchId, request.Order.OrderId)) return;
        var now = DateTimeOffset.FromUnixTimeMilliseconds(record.Timestamp);
        Step(request.CandidateBranchId, (branch, load, all) => desk.OnRequest(request, Context.TraceParent, branch, load, all, now), record.Timestamp);
    }

    private void ReviewWaiting(long time)
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(time);
        foreach (var branchId in BranchesWithWaitingOrders()) Step(branchId, (branch, load, all) => desk.Review(branch, load, all, now), time);
    }
}
