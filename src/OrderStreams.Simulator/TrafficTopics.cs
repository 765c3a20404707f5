namespace OrderStreams.Simulator;

/// <summary>The topics the simulator writes and reads (names as in deploy/topics.yaml).</summary>
public static class TrafficTopics
{
    public const string OrdersPlaced = "orders.placed";
    public const string Payments = "payments";
    public const string DriversStatus = "drivers.status";
    public const string Deliveries = "deliveries";
    public const string Branches = "branches";
    public const string Drivers = "drivers";
    public const string OrdersDriverAssigned = "orders.driver-assigned";
}
