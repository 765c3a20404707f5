namespace OrderStreams.DriverAssignment.Domain;

/// <summary>Where an order is in driver-assignment (store key: the order id): waiting in a queue, or given a driver.</summary>
internal sealed record OrderDispatch(string BranchId, string? QueueKey, string? DriverId);
