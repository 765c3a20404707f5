using OrderStreams.BranchAssignment.Domain;
using OrderStreams.Contracts.Entities;
using OrderStreams.Contracts.Events;
using static OrderStreams.BranchAssignment.Tests.Samples;

namespace OrderStreams.BranchAssignment.Tests.Domain;

public sealed class BranchAssignerTests
{
    private readonly BranchAssigner assigner = new(maxAttempts: 3);

    [Fact]
    public void Decide_OpenWithCapacityInRange_Accepted()
    {
        var order = Order();
        var own = Branch("branch-01", 1);

        var decision = assigner.Decide(Request(order, "branch-01"), own, BranchLoad.None, [own], T0);

        var assigned = Assert.IsType<OrderBranchAssigned>(decision.Outcome!.Outcome);
        Assert.Equal("branch-01", decision.Key);
        Assert.Equal(1, assigned.Attempt);
        Assert.Equal(1.0, assigned.DistanceKm, precision: 2);
    }

    [Fact]
    public void Decide_FullBeforeDeadline_Waits()
    {
        var order = Order();
        var own = Branch("branch-01", 1, capacity: 1);

        var decision = assigner.Decide(Request(order, "branch-01"), own, new BranchLoad([Guid.NewGuid()]), [own, Branch("branch-02", 2)], T0.AddMinutes(14));

        Assert.True(decision.Waits);
    }

    [Fact]
    public void Decide_FullAtDeadline_RejectedNoCapacity()
    {
        var order = Order();
        var own = Branch("branch-01", 1, capacity: 1);

        var decision = assigner.Decide(Request(order, "branch-01"), own, new BranchLoad([Guid.NewGuid()]), [own, Branch("branch-02", 2)], T0.AddMinutes(15));

        var rejected = Assert.IsType<OrderRejected>(decision.Outcome!.Outcome);
        Assert.Equal(RejectionReason.NoCapacity, rejected.Reason);
        Assert.Equal(["branch-01"], rejected.TriedBranchIds);
    }

    [Fact]
    public void MoveOn_Full_OfferedToNearestOtherOpenBranchKeepingTheDeadline()
    {
        var order = Order();
        var own = Branch("branch-01", 1, capacity: 1);
        Branch[] all = [own, Branch("branch-03", 3), Branch("branch-02", 2), Branch("branch-closed", 1.5, open: false)];

        var decision = assigner.MoveOn(Request(order, "branch-01"), RejectionReason.NoCapacity, all, T0.AddMinutes(2));

        Assert.Null(decision.Outcome);
        Assert.Equal("branch-02", decision.Key);
        Assert.Equal(2, decision.NextRequest!.Attempt);
        Assert.Equal(["branch-01"], decision.NextRequest.TriedBranchIds);
        Assert.Equal(T0.AddMinutes(15), decision.NextRequest.Deadline);
    }

    [Fact]
    public void Decide_ClosedAndNoOtherBranchInRange_RejectedNoOpenBranch()
    {
        var order = Order();
        var own = Branch("branch-01", 1, open: false);

        var decision = assigner.Decide(Request(order, "branch-01"), own, BranchLoad.None, [own, Branch("branch-far", 50)], T0);

        var rejected = Assert.IsType<OrderRejected>(decision.Outcome!.Outcome);
        Assert.Equal(RejectionReason.NoOpenBranch, rejected.Reason);
        Assert.Equal("branch-01", decision.Key);
    }

    [Fact]
    public void Decide_DeliveryOutsideRadius_NotAcceptedThere()
    {
        var order = Order();
        var own = Branch("branch-01", 4, radiusKm: 3);

        var decision = assigner.Decide(Request(order, "branch-01"), own, BranchLoad.None, [own], T0);

        Assert.Equal(RejectionReason.OutOfRange, Assert.IsType<OrderRejected>(decision.Outcome!.Outcome).Reason);
    }

    [Fact]
    public void Decide_LastAttemptDeclined_RejectedTooManyAttemptsKeyedByOriginalBranch()
    {
        var order = Order();
        var third = Branch("branch-03", 3, open: false);

        var decision = assigner.Decide(Request(order, "branch-03", 3, "branch-01", "branch-02"), third, BranchLoad.None, [third, Branch("branch-04", 4)], T0);

        var rejected = Assert.IsType<OrderRejected>(decision.Outcome!.Outcome);
        Assert.Equal(RejectionReason.TooManyAttempts, rejected.Reason);
        Assert.Equal(["branch-01", "branch-02", "branch-03"], rejected.TriedBranchIds);
        Assert.Equal("branch-01", decision.Key);
    }

    [Fact]
    public void Decide_UnknownBranch_OfferedOnward()
    {
        var order = Order();

        var decision = assigner.Decide(Request(order, "branch-01"), null, BranchLoad.None, [Branch("branch-02", 2)], T0);

        Assert.Equal("branch-02", decision.NextRequest!.CandidateBranchId);
    }
}
