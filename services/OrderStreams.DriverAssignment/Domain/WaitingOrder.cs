namespace OrderStreams.DriverAssignment.Domain;

/// <summary>A branch-assigned order waiting for a driver (store key <c>branchId/since/orderId</c>, so a range scan is oldest first).</summary>
internal sealed record WaitingOrder(Guid OrderId, string BranchId, DateTimeOffset Since)
{
    /// <summary>The trace the order's branch assignment was processed in, which its driver assignment continues.</summary>
    public string? TraceParent { get; init; }

    public string Key => QueueKey(BranchId, Since, OrderId);

    public static string QueueKey(string branchId, DateTimeOffset since, Guid orderId) =>
        $"{branchId}/{since.ToUnixTimeMilliseconds():D19}/{orderId}";
}
