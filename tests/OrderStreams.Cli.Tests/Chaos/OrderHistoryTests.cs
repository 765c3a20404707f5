using OrderStreams.Cli.Chaos;
using OrderStreams.Contracts.Common;
using OrderStreams.Contracts.Events;

namespace OrderStreams.Cli.Tests.Chaos;

/// <summary>
/// The audit tells at-least-once repeats (the same step written again: counted) from conflicting decisions (failed).
/// </summary>
public sealed class OrderHistoryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid OrderId = Guid.NewGuid();
    private static readonly Guid PaymentId = Guid.NewGuid();

    [Fact]
    public void Steps_SameVerdictBranchAndDriverTwice_RepeatedNotConflicting()
    {
        var history = History();
        history.Verdicts.AddRange([Paid(PaymentId), Paid(PaymentId)]);
        history.BranchOutcomes.AddRange([Assigned("branch-04"), Assigned("branch-04")]);
        history.DriverAssignments.AddRange([Driver("driver-03-00"), Driver("driver-03-00")]);

        Assert.True(history.HasRepeatedSteps);
        Assert.False(history.HasConflictingSteps);
    }

    [Theory]
    [InlineData("verdicts")]
    [InlineData("payments")]
    [InlineData("branches")]
    [InlineData("drivers")]
    public void Steps_OneStepDecidedTwoWays_Conflicting(string step)
    {
        var history = History();
        history.Verdicts.Add(Paid(PaymentId));
        history.BranchOutcomes.Add(Assigned("branch-09"));
        history.DriverAssignments.Add(Driver("driver-09-01"));

        switch (step)
        {
            case "verdicts": history.Verdicts.Add(Verdict(new OrderPaymentExpired { PlacedAt = T0, Deadline = T0.AddMinutes(15) })); break;
            case "payments": history.Verdicts.Add(Paid(Guid.NewGuid())); break;
            case "branches": history.BranchOutcomes.Add(Assigned("branch-08")); break;
            default: history.DriverAssignments.Add(Driver("driver-09-02")); break;
        }

        Assert.True(history.HasConflictingSteps);
    }

    private static OrderHistory History() => new(OrderId);

    private static OrderPaymentOutcome Paid(Guid paymentId) =>
        Verdict(new OrderPaid { PaymentId = paymentId, Amount = new Money { AmountCents = 1500, Currency = "EUR" } });

    private static OrderPaymentOutcome Verdict(OrderPaymentOutcome.IOutcome outcome) =>
        new() { OrderId = OrderId, BranchId = "branch-04", At = T0, Outcome = outcome };

    private static BranchAssignmentOutcome Assigned(string branchId) => new()
    {
        OrderId = OrderId,
        BranchId = branchId,
        At = T0,
        Outcome = new OrderBranchAssigned { OriginalBranchId = "branch-04", Attempt = 1, DistanceKm = 1 },
    };

    private static OrderDriverAssigned Driver(string driverId) => new()
    {
        OrderId = OrderId,
        BranchId = "branch-04",
        DriverId = driverId,
        DriverLocation = new GeoLocation { Lat = 52, Lon = 4 },
        DistanceKm = 1,
        At = T0,
    };
}
