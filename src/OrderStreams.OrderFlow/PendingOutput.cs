namespace OrderStreams.OrderFlow;

/// <summary>An output kept in an entity's state until it is known delivered, with the timestamp it was emitted with.</summary>
public sealed record PendingOutput<VOut>(VOut Output, DateTimeOffset Timestamp)
    where VOut : class;
