using OrderStreams.Contracts.Events;

namespace OrderStreams.DriverAssignment.Domain;

/// <summary>
/// Where an order is in driver-assignment (store key: the order id): waiting in a queue, given a driver, or delivered.
/// The record of the assignment is the decision: kept unannounced until the commit that delivered it, so a new instance
/// after a crash emits it again as it was; kept after the delivery for <see cref="DriverAssignmentTopology.DeliveredRetention"/>,
/// so a repeated branch assignment of the order is recognised and never gets a second driver.
/// </summary>
internal sealed record OrderDispatch(string BranchId, string? QueueKey, string? DriverId)
{
    /// <summary>The assignment as emitted, until it is known delivered; then null.</summary>
    public OrderDriverAssigned? Unannounced { get; init; }

    /// <summary>The order's trace, which a re-emitted assignment continues.</summary>
    public string? TraceParent { get; init; }

    /// <summary>When the driver delivered the order (stream time); null while it is under way.</summary>
    public DateTimeOffset? DeliveredAt { get; init; }
}
