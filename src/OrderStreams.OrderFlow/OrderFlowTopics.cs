namespace OrderStreams.OrderFlow;

/// <summary>The topics of <c>deploy/topics.yaml</c> the services read and write (a test keeps the two in step).</summary>
public static class OrderFlowTopics
{
    public const string OrdersPlaced = "orders.placed";
    public const string Payments = "payments";
    public const string OrdersPaid = "orders.paid";
    public const string RefundsDue = "payments.refunds-due";
    public const string BranchAssignmentRequests = "branch-assignment.requests";
    public const string OrdersBranchAssigned = "orders.branch-assigned";
    public const string DriversStatus = "drivers.status";
    public const string OrdersDriverAssigned = "orders.driver-assigned";
    public const string Deliveries = "deliveries";
    public const string Branches = "branches";
    public const string Drivers = "drivers";
    public const string OrdersView = "orders.view";

    /// <summary>The co-partitioned topics keyed by branch id (co-partition group <c>order-flow</c> in the manifest).</summary>
    public static IReadOnlyList<string> BranchKeyed { get; } =
    [
        OrdersPlaced, Payments, OrdersPaid, RefundsDue, BranchAssignmentRequests, OrdersBranchAssigned, DriversStatus, OrdersDriverAssigned,
        Deliveries,
    ];

    public static IReadOnlyList<string> All { get; } =
    [
        OrdersPlaced, Payments, OrdersPaid, RefundsDue, BranchAssignmentRequests, OrdersBranchAssigned, DriversStatus,
        OrdersDriverAssigned, Deliveries, Branches, Drivers, OrdersView,
    ];
}
