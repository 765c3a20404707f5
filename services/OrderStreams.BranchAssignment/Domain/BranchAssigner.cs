using OrderStreams.Contracts.Entities;
using OrderStreams.Contracts.Events;
using OrderStreams.OrderFlow;

namespace OrderStreams.BranchAssignment.Domain;

/// <summary>
/// The candidate branch's answer to a request: accept when it is open, the delivery is within its radius and its kitchen
/// is under capacity; when only capacity is missing, wait there until the order's deadline (then reject it); otherwise
/// offer the order to the nearest open branch not yet asked whose radius covers the delivery, and reject it when none
/// is left or after <paramref name="maxAttempts"/> branches.
/// </summary>
internal sealed class BranchAssigner(int maxAttempts)
{
    public AssignmentDecision Decide(BranchAssignmentRequest request, Branch? candidate, BranchLoad load, IEnumerable<Branch> allBranches, DateTimeOffset now)
    {
        var order = request.Order;
        var decline = Assess(candidate, load, order);
        if (decline is null) return Accept(request, candidate!, now);
        if (decline != RejectionReason.NoCapacity) return MoveOn(request, decline.Value, allBranches, now);
        var deadline = request.Deadline ?? throw new ArgumentException("The request carries no deadline.", nameof(request));
        return now < deadline ? AssignmentDecision.Wait : Reject(order, RejectionReason.NoCapacity, Tried(request), now);
    }

    /// <summary>The candidate takes the order.</summary>
    public AssignmentDecision Accept(BranchAssignmentRequest request, Branch candidate, DateTimeOffset now)
    {
        var order = request.Order;
        var accepted = new OrderBranchAssigned
        {
            OriginalBranchId = order.BranchId,
            Attempt = request.Attempt,
            DistanceKm = Geo.DistanceKm(candidate.Location, order.DeliveryLocation),
        };
        return new AssignmentDecision(Outcome(order.OrderId, request.CandidateBranchId, accepted, now), null);
    }

    /// <summary>Offers the order to the next nearest open branch in range, or rejects it for <paramref name="decline"/> (or too many attempts).</summary>
    public AssignmentDecision MoveOn(BranchAssignmentRequest request, RejectionReason decline, IEnumerable<Branch> allBranches, DateTimeOffset now)
    {
        var order = request.Order;
        var tried = Tried(request);
        if (request.Attempt >= maxAttempts) return Reject(order, RejectionReason.TooManyAttempts, tried, now);
        var next = allBranches
            .Where(b => b.Open && !tried.Contains(b.BranchId))
            .Select(b => (Branch: b, Distance: Geo.DistanceKm(b.Location, order.DeliveryLocation)))
            .Where(c => c.Distance <= c.Branch.DeliveryRadiusKm)
            .OrderBy(c => c.Distance).ThenBy(c => c.Branch.BranchId, StringComparer.Ordinal)
            .Select(c => c.Branch)
            .FirstOrDefault();
        if (next is null) return Reject(order, decline, tried, now);
        return new AssignmentDecision(null, request with
        {
            Attempt = request.Attempt + 1,
            CandidateBranchId = next.BranchId,
            TriedBranchIds = tried,
            RequestedAt = now,
        });
    }

    private static List<string> Tried(BranchAssignmentRequest request) => request.TriedBranchIds.Append(request.CandidateBranchId).ToList();

    private static RejectionReason? Assess(Branch? candidate, BranchLoad load, OrderPlaced order)
    {
        if (candidate is not { Open: true }) return RejectionReason.NoOpenBranch;
        if (Geo.DistanceKm(candidate.Location, order.DeliveryLocation) > candidate.DeliveryRadiusKm) return RejectionReason.OutOfRange;
        if (load.Accepted.Count >= candidate.KitchenCapacity) return RejectionReason.NoCapacity;
        return null;
    }

    private static AssignmentDecision Reject(OrderPlaced order, RejectionReason reason, IReadOnlyList<string> tried, DateTimeOffset now) =>
        new(Outcome(order.OrderId, order.BranchId, new OrderRejected { Reason = reason, TriedBranchIds = tried }, now), null);

    private static BranchAssignmentOutcome Outcome(Guid orderId, string branchId, BranchAssignmentOutcome.IOutcome outcome, DateTimeOffset now) =>
        new() { OrderId = orderId, BranchId = branchId, At = now, Outcome = outcome };
}
