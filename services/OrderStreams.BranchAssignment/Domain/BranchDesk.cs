using OrderStreams.Contracts.Entities;
using OrderStreams.Contracts.Events;

namespace OrderStreams.BranchAssignment.Domain;

/// <summary>
/// One branch's desk, run in the branch's task (the only writer of its load). An order the full kitchen cannot take
/// waits in line for capacity: it is let in when a pick-up frees room, offered to the next branch after
/// <paramref name="capacityWait"/>, and rejected only at its deadline (<paramref name="assignmentTimeout"/> after its
/// first request). Time decides, not how fast offers bounce, so an outage downstream only makes orders wait.
/// </summary>
internal sealed class BranchDesk(BranchAssigner assigner, TimeSpan capacityWait, TimeSpan assignmentTimeout)
{
    /// <param name="traceParent">The trace the request is processed in, kept with the order if it waits.</param>
    public DeskStep OnRequest(BranchAssignmentRequest request, string? traceParent, Branch? branch, BranchLoad load, IEnumerable<Branch> allBranches, DateTimeOffset now)
    {
        var dated = request.Deadline is null ? request with { Deadline = request.RequestedAt + assignmentTimeout } : request;
        // Taken here before, and its decision is not kept (a crash kept only the load): the same acceptance again.
        if (load.Accepted.Contains(request.Order.OrderId) && branch is not null)
            return new DeskStep(load, [assigner.Accept(dated, branch, now)]);
        if (load.Holds(request.Order.OrderId)) return new DeskStep(load, []);
        var decision = assigner.Decide(dated, branch, load, allBranches, now);
        var accepted = decision.Outcome is { Outcome: OrderBranchAssigned };
        if (accepted && load.Waiting.Count == 0) return new DeskStep(load.With(dated.Order.OrderId), [decision]);
        if (!accepted && !decision.Waits) return new DeskStep(load, [decision]);
        // Waits, or could be taken while older orders wait (the capacity grew): in line, oldest first.
        var moveAt = Min(now + capacityWait, dated.Deadline!.Value);
        return Review(branch, load with { Waiting = [.. load.Waiting, new WaitingOrder(dated, moveAt) { TraceParent = traceParent }] }, allBranches, now);
    }

    public DeskStep OnPickedUp(Guid orderId, Branch? branch, BranchLoad load, IEnumerable<Branch> allBranches, DateTimeOffset now) =>
        Review(branch, load.Without(orderId), allBranches, now);

    /// <summary>Lets waiting orders in while there is room, and moves on or rejects those whose wait or deadline passed.</summary>
    public DeskStep Review(Branch? branch, BranchLoad load, IEnumerable<Branch> allBranches, DateTimeOffset now)
    {
        if (load.Waiting.Count == 0) return new DeskStep(load, []);
        var decisions = new List<AssignmentDecision>();
        var stillWaiting = new List<WaitingOrder>();
        foreach (var waiting in load.Waiting)
        {
            var decision = assigner.Decide(waiting.Request, branch, load, allBranches, now) with { TraceParent = waiting.TraceParent };
            if (decision.Outcome is { Outcome: OrderBranchAssigned }) load = load.With(waiting.Request.Order.OrderId);
            if (!decision.Waits)
            {
                decisions.Add(decision);
                continue;
            }
            var moved = now >= waiting.MoveAt
                ? assigner.MoveOn(waiting.Request, RejectionReason.NoCapacity, allBranches, now) with { TraceParent = waiting.TraceParent }
                : null;
            if (moved?.NextRequest is not null) decisions.Add(moved);
            // No other branch to ask: wait here until the deadline.
            else stillWaiting.Add(moved is null ? waiting : waiting with { MoveAt = waiting.Deadline });
        }
        return new DeskStep(load with { Waiting = stillWaiting }, decisions);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
