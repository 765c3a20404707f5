using OrderStreams.BranchAssignment.Domain;
using OrderStreams.Contracts.Events;
using OrderStreams.OrderFlow;
using OrderStreams.Streams.Processor;

namespace OrderStreams.BranchAssignment;

/// <summary>
/// Runs in the candidate branch's task: accepts (reserving capacity), lets the order wait for capacity, or passes it
/// on. A request for an order the branch already holds (a redelivery) is dropped. Every
/// <see cref="BranchAssignmentOptions.DeadlineCheckInterval"/> of stream time, and on the wall clock once the
/// partition is quiet, it moves on or rejects waiting orders whose time is up.
/// </summary>
internal sealed class BranchRequestProcessor(BranchDesk desk, BranchAssignmentOptions options) : BranchDeskProcessor<BranchAssignmentRequest>
{
    private readonly QuietClock quietClock = new(options.IdleAfter);

    public override void Init(IProcessorContext<string, AssignmentDecision> context)
    {
        base.Init(context);
        quietClock.Observe(context.CurrentStreamTime, context.CurrentSystemTime);
        context.Schedule(options.DeadlineCheckInterval, PunctuationType.StreamTime, ReviewWaiting);
        context.Schedule(options.DeadlineCheckInterval, PunctuationType.WallClockTime, wallClock =>
        {
            if (quietClock.Now(Context.CurrentStreamTime, wallClock) is { } now) ReviewWaiting(now.ToUnixTimeMilliseconds());
        });
    }

    public override void Process(Record<string, BranchAssignmentRequest> record)
    {
        var request = record.Value;
        if (record.Key != request.CandidateBranchId)
            throw new InvalidDataException($"Record key '{record.Key}' is not the request's candidate branch '{request.CandidateBranchId}'.");
        quietClock.Observe(Context.CurrentStreamTime, Context.CurrentSystemTime);
        var now = DateTimeOffset.FromUnixTimeMilliseconds(record.Timestamp);
        Step(request.CandidateBranchId, (branch, load, all) => desk.OnRequest(request, branch, load, all, now), record.Timestamp);
    }

    private void ReviewWaiting(long time)
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(time);
        foreach (var branchId in BranchesWithWaitingOrders()) Step(branchId, (branch, load, all) => desk.Review(branch, load, all, now), time);
    }
}
