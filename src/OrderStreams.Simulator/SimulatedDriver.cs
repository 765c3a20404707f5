using OrderStreams.Contracts.Common;
using OrderStreams.Contracts.Entities;
using OrderStreams.Contracts.Events;
using OrderStreams.Simulator.World;

namespace OrderStreams.Simulator;

/// <summary>A driver as the driver app knows it: where they are and whether they are out on a delivery.</summary>
internal sealed class SimulatedDriver(Driver driver, GeoLocation home)
{
    private (DateTimeOffset Start, GeoLocation From, DateTimeOffset PickupAt, GeoLocation Branch, GeoLocation Customer, DateTimeOffset DeliveredAt)? trip;
    private GeoLocation position = home;

    public Driver Driver { get; set; } = driver;

    public DriverStatus Status => trip is null ? DriverStatus.Available : DriverStatus.OnDelivery;

    public void StartDelivery(DateTimeOffset now, GeoLocation branch, DateTimeOffset pickupAt, GeoLocation customer, DateTimeOffset deliveredAt) =>
        trip = (now, LocationAt(now), pickupAt, branch, customer, deliveredAt);

    public void FinishDelivery(GeoLocation branch)
    {
        // The driver rides back; for the simulation they are at the branch again at once.
        trip = null;
        position = branch;
    }

    public GeoLocation LocationAt(DateTimeOffset now)
    {
        if (trip is not { } t) return position;
        return now < t.PickupAt
            ? Geo.Between(t.From, t.Branch, Fraction(now, t.Start, t.PickupAt))
            : Geo.Between(t.Branch, t.Customer, Fraction(now, t.PickupAt, t.DeliveredAt));
    }

    private static double Fraction(DateTimeOffset now, DateTimeOffset from, DateTimeOffset to) =>
        to <= from ? 1 : Math.Clamp((now - from) / (to - from), 0, 1);
}
