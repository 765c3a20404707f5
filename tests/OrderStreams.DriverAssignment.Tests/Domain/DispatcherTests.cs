using OrderStreams.Contracts.Events;
using OrderStreams.DriverAssignment.Domain;
using static OrderStreams.DriverAssignment.Tests.Samples;

namespace OrderStreams.DriverAssignment.Tests.Domain;

public sealed class DispatcherTests
{
    private static DriverState Driver(string id, DriverStatus status, double kmAway, Guid? reservedFor = null) =>
        DriverState.OnPing(null, Ping(id, status, kmAway)) with { ReservedFor = reservedFor };

    private static WaitingOrder Waiting(int secondsAgo) => new(Guid.NewGuid(), BranchId, T0.AddSeconds(-secondsAgo));

    [Fact]
    public void Match_OldestOrderGetsNearestFreeDriver()
    {
        var oldest = Waiting(60);
        var newer = Waiting(10);
        DriverState[] drivers = [Driver("far", DriverStatus.Available, 3), Driver("near", DriverStatus.Available, 1)];

        var assignments = Dispatcher.Match([oldest, newer], drivers, Kitchen, T0);

        Assert.Equal([(oldest.OrderId, "near"), (newer.OrderId, "far")], assignments.Select(a => (a.OrderId, a.DriverId)));
        Assert.Equal(1.0, assignments[0].DistanceKm, precision: 2);
    }

    [Fact]
    public void Match_ReservedOrUnavailableDrivers_Skipped()
    {
        DriverState[] drivers =
        [
            Driver("reserved", DriverStatus.Available, 0.1, Guid.NewGuid()),
            Driver("on-break", DriverStatus.OnBreak, 0.2),
            Driver("offline", DriverStatus.Offline, 0.3),
            Driver("free", DriverStatus.Available, 4),
        ];

        var assignment = Assert.Single(Dispatcher.Match([Waiting(5), Waiting(1)], drivers, Kitchen, T0));

        Assert.Equal("free", assignment.DriverId);
    }

    [Fact]
    public void Match_EqualDistances_LowerDriverIdFirst_WhateverTheListOrder()
    {
        var orders = new[] { Waiting(30), Waiting(20), Waiting(10) };
        DriverState[] drivers = [Driver("c", DriverStatus.Available, 2), Driver("b", DriverStatus.Available, 2), Driver("z", DriverStatus.Available, 1), Driver("a", DriverStatus.Available, 2)];

        var assignments = Dispatcher.Match(orders, drivers, Kitchen, T0);

        Assert.Equal(["z", "a", "b"], assignments.Select(a => a.DriverId));
        Assert.Equal(orders.Select(o => o.OrderId), assignments.Select(a => a.OrderId));
    }

    [Fact]
    public void Match_NoBranchLocation_DriversInIdOrder()
    {
        DriverState[] drivers = [Driver("b", DriverStatus.Available, 1), Driver("a", DriverStatus.Available, 5)];

        var assignments = Dispatcher.Match([Waiting(2), Waiting(1)], drivers, branchLocation: null, T0);

        Assert.Equal(["a", "b"], assignments.Select(a => a.DriverId));
        Assert.All(assignments, a => Assert.Equal(0, a.DistanceKm));
    }

    [Fact]
    public void Match_NoFreeDriver_NothingAssigned()
    {
        Assert.Empty(Dispatcher.Match([Waiting(5)], [Driver("d", DriverStatus.OnDelivery, 1)], Kitchen, T0));
    }
}
