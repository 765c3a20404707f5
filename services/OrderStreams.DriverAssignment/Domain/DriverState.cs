using OrderStreams.Contracts.Common;
using OrderStreams.Contracts.Events;

namespace OrderStreams.DriverAssignment.Domain;

/// <summary>
/// A driver as driver-assignment sees them (store key <c>branchId/driverId</c>): the app's latest status and position,
/// and the order this service reserved them for. Pings never touch the reservation; only the delivery ends it.
/// </summary>
internal sealed record DriverState(string DriverId, string BranchId, DriverStatus Status, GeoLocation Location, DateTimeOffset LastPingAt, Guid? ReservedFor)
{
    public bool CanTakeOrder => Status == DriverStatus.Available && ReservedFor is null;

    /// <summary>Applies a ping; an older ping than the one already applied (pings can overtake each other) is ignored.</summary>
    public static DriverState OnPing(DriverState? state, DriverStatusChanged ping) =>
        state is not null && ping.At < state.LastPingAt
            ? state
            : new DriverState(ping.DriverId, ping.BranchId, ping.Status, ping.Location, ping.At, state?.ReservedFor);
}
