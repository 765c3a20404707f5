using OrderStreams.Contracts.Views;
using OrderStreams.Denormaliser.Domain;
using static OrderStreams.Denormaliser.Tests.Samples;

namespace OrderStreams.Denormaliser.Tests.Domain;

public sealed class OrderViewsTests
{
    private readonly Guid orderId = Guid.NewGuid();

    [Fact]
    public void OnPlaced_AfterLaterSteps_DetailsFillInStatusStays()
    {
        var delivered = OrderViews.OnDelivery(null, Delivered(orderId, "d1"), null);

        var view = OrderViews.OnPlaced(delivered, Placed(orderId), Branch("branch-01"));

        Assert.Equal(OrderStatus.Delivered, view.Status);
        Assert.Equal("customer-1", view.CustomerId);
        Assert.Single(view.Items);
        Assert.Equal("Centre", view.Branch!.Name);
        Assert.Equal([OrderStatus.Placed, OrderStatus.Delivered], view.Timeline.Select(e => e.Status));
        Assert.Equal(2, view.Version);
    }

    [Fact]
    public void OnPaymentOutcome_AfterDriverAssigned_StatusNeverGoesBack()
    {
        var view = OrderViews.OnDriverAssigned(OrderViews.OnPlaced(null, Placed(orderId), null), DriverAssigned(orderId, "d1"), null, Driver("d1"));

        var after = OrderViews.OnPaymentOutcome(view, Paid(orderId), null);

        Assert.Equal(OrderStatus.DriverAssigned, after.Status);
        Assert.Equal([OrderStatus.Placed, OrderStatus.Paid, OrderStatus.DriverAssigned], after.Timeline.Select(e => e.Status));
        Assert.Equal("Ann", after.Driver!.Name);
    }

    [Fact]
    public void OnPlaced_Redelivered_SameInstanceNoNewVersion()
    {
        var view = OrderViews.OnPlaced(null, Placed(orderId), null);

        Assert.Same(view, OrderViews.OnPlaced(view, Placed(orderId), null));
    }

    [Fact]
    public void OnBranchOutcome_AssignedElsewhere_ResponsibleBranchMoves()
    {
        var view = OrderViews.OnPlaced(null, Placed(orderId, "branch-01"), Branch("branch-01"));

        var moved = OrderViews.OnBranchOutcome(view, BranchAssigned(orderId, "branch-02"), id => Branch(id, "Other"));

        Assert.Equal("branch-02", moved.BranchId);
        Assert.Equal("branch-02", moved.Branch!.BranchId);
        Assert.Equal(OrderStatus.BranchAssigned, moved.Status);
    }

    [Fact]
    public void OnBranchChanged_ResponsibleBranchRenamed_NewVersion()
    {
        var view = OrderViews.OnPlaced(null, Placed(orderId), Branch("branch-01"));

        var renamed = OrderViews.OnBranchChanged(view, Branch("branch-01", "Renamed"), T0.AddHours(1));

        Assert.Equal("Renamed", renamed.Branch!.Name);
        Assert.Equal(view.Version + 1, renamed.Version);
        Assert.Same(view, OrderViews.OnBranchChanged(view, Branch("branch-09", "Other"), T0.AddHours(1)));
    }

    [Theory]
    [InlineData("DRIVER_ASSIGNED", OrderStatus.DriverAssigned)]
    [InlineData("placed", OrderStatus.Placed)]
    public void TryParse_Symbol_Status(string text, OrderStatus expected)
    {
        Assert.True(OrderLifecycle.TryParse(text, out var status));
        Assert.Equal(expected, status);
    }

    [Theory]
    [InlineData("UNKNOWN")]
    [InlineData("cooking")]
    [InlineData("42")]
    public void TryParse_NotAStatus_False(string text) => Assert.False(OrderLifecycle.TryParse(text, out _));
}
