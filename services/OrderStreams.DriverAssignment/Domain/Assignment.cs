using OrderStreams.Contracts.Events;

namespace OrderStreams.DriverAssignment.Domain;

/// <summary>A driver assignment to emit, and the trace of its order (null: none was kept).</summary>
internal sealed record Assignment(OrderDriverAssigned Assigned, string? TraceParent);
