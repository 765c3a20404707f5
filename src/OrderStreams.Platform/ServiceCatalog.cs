namespace OrderStreams.Platform;

/// <summary>
/// The topology services, in pipeline order: the one place the platform and the operations commands learn what a
/// service reads and writes. Stores and internal topics are not listed: they are found by the application id.
/// ServiceCatalogTests hold it to the services' topologies.
/// </summary>
public static class ServiceCatalog
{
    public static IReadOnlyList<ServiceSpec> All { get; } =
    [
        new("payment-completion", "services/OrderStreams.PaymentCompletion", "OrderStreams.PaymentCompletion",
            ["orders.placed", "payments"], ["orders.paid", "payments.refunds-due"]),
        new("branch-assignment", "services/OrderStreams.BranchAssignment", "OrderStreams.BranchAssignment",
            ["orders.placed", "orders.paid", "branch-assignment.requests", "deliveries"],
            ["branch-assignment.requests", "orders.branch-assigned"], GlobalTopics: ["branches"]),
        new("driver-assignment", "services/OrderStreams.DriverAssignment", "OrderStreams.DriverAssignment",
            ["orders.branch-assigned", "drivers.status", "deliveries"], ["orders.driver-assigned"], GlobalTopics: ["branches"]),
        new("denormaliser", "services/OrderStreams.Denormaliser", "OrderStreams.Denormaliser",
            ["orders.placed", "payments", "orders.paid", "orders.branch-assigned", "orders.driver-assigned", "deliveries"], ["orders.view"],
            ServesQueries: true, OutputTopicSetting: "Denormaliser:ViewTopic", GlobalTopics: ["branches", "drivers"]),
    ];

    /// <exception cref="InvalidDataException">No service has that name.</exception>
    public static ServiceSpec Find(string name) =>
        All.FirstOrDefault(s => s.Name == name)
        ?? throw new InvalidDataException($"No service '{name}'; the services are {string.Join(", ", All.Select(s => s.Name))}.");
}
