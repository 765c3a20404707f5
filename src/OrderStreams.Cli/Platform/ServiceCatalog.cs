namespace OrderStreams.Cli.Platform;

/// <summary>The topology services the platform runs, in pipeline order, with the source topics of their consumer groups.</summary>
internal static class ServiceCatalog
{
    public static IReadOnlyList<ServiceSpec> All { get; } =
    [
        new("payment-completion", "services/OrderStreams.PaymentCompletion", "OrderStreams.PaymentCompletion",
            ["orders.placed", "payments"]),
        new("branch-assignment", "services/OrderStreams.BranchAssignment", "OrderStreams.BranchAssignment",
            ["orders.placed", "orders.paid", "branch-assignment.requests", "deliveries"]),
        new("driver-assignment", "services/OrderStreams.DriverAssignment", "OrderStreams.DriverAssignment",
            ["orders.branch-assigned", "drivers.status", "deliveries"]),
        new("denormaliser", "services/OrderStreams.Denormaliser", "OrderStreams.Denormaliser",
            ["orders.placed", "payments", "orders.paid", "orders.branch-assigned", "orders.driver-assigned", "deliveries"]),
    ];
}
