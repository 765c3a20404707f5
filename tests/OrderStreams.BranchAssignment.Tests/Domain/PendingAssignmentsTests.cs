using OrderStreams.BranchAssignment.Domain;
using static OrderStreams.BranchAssignment.Tests.Samples;

namespace OrderStreams.BranchAssignment.Tests.Domain;

public sealed class PendingAssignmentsTests
{
    [Fact]
    public void OnVerdict_PaidAfterOrder_FirstRequestToOwnBranch()
    {
        var order = Order("branch-07");
        var placed = PendingAssignments.OnPlaced(null, order, T0);

        var paid = PendingAssignments.OnVerdict(placed.State, Paid(order), T0.AddMinutes(1));

        Assert.Null(placed.Output);
        Assert.Equal("branch-07", paid.Output!.CandidateBranchId);
        Assert.Equal(1, paid.Output.Attempt);
        Assert.Equal(order, paid.Output.Order);
    }

    [Fact]
    public void OnPlaced_VerdictCameFirst_Request()
    {
        var order = Order();
        var paid = PendingAssignments.OnVerdict(null, Paid(order), T0);

        Assert.NotNull(PendingAssignments.OnPlaced(paid.State, order, T0.AddSeconds(1)).Output);
    }

    [Fact]
    public void OnPlaced_AfterRequest_NoSecondRequest()
    {
        var order = Order();
        var requested = PendingAssignments.OnVerdict(PendingAssignments.OnPlaced(null, order, T0).State, Paid(order), T0);

        var again = PendingAssignments.OnPlaced(requested.State, order, T0.AddSeconds(5));
        var paidAgain = PendingAssignments.OnVerdict(requested.State, Paid(order), T0.AddSeconds(5));

        Assert.Null(again.Output);
        Assert.Null(paidAgain.Output);
    }

    [Fact]
    public void OnVerdict_Expired_NoRequestEver()
    {
        var order = Order();
        var expired = PendingAssignments.OnVerdict(PendingAssignments.OnPlaced(null, order, T0).State, Expired(order), T0);

        Assert.Null(expired.Output);
        Assert.Null(expired.State!.Order);
        Assert.Null(PendingAssignments.OnPlaced(expired.State, order, T0).Output);
    }
}
