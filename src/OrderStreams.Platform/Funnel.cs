namespace OrderStreams.Platform;

/// <summary>How many orders reached each step of the pipeline, counted from the topics themselves.</summary>
public sealed record Funnel(
    long Placed,
    long Paid,
    long PaymentFailed,
    long PaymentExpired,
    long BranchAssigned,
    long Rerouted,
    long Rejected,
    long DriverAssigned,
    long PickedUp,
    long Delivered,
    long DeadLetters);
