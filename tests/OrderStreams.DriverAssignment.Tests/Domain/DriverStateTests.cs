using OrderStreams.Contracts.Events;
using OrderStreams.DriverAssignment.Domain;
using static OrderStreams.DriverAssignment.Tests.Samples;

namespace OrderStreams.DriverAssignment.Tests.Domain;

public sealed class DriverStateTests
{
    [Fact]
    public void OnPing_ReservedDriverReportsAvailable_StaysReservedAndCannotTakeOrder()
    {
        var orderId = Guid.NewGuid();
        var reserved = DriverState.OnPing(null, Ping("d1", DriverStatus.Available, 1)) with { ReservedFor = orderId };

        var after = DriverState.OnPing(reserved, Ping("d1", DriverStatus.Available, 0.5, T0.AddSeconds(5)));

        Assert.Equal(orderId, after.ReservedFor);
        Assert.False(after.CanTakeOrder);
        Assert.Equal(T0.AddSeconds(5), after.LastPingAt);
    }

    [Fact]
    public void OnPing_OlderThanLastApplied_Ignored()
    {
        var latest = DriverState.OnPing(null, Ping("d1", DriverStatus.OnBreak, 1, T0.AddSeconds(10)));

        Assert.Same(latest, DriverState.OnPing(latest, Ping("d1", DriverStatus.Available, 1, T0)));
    }
}
