namespace OrderStreams.BranchAssignment.Domain;

/// <summary>
/// Orders a branch accepted that have not been picked up yet (its kitchen capacity in use), and the orders waiting
/// for that capacity, oldest first (store key: the branch id).
/// </summary>
internal sealed record BranchLoad(IReadOnlyList<Guid> Accepted)
{
    public static BranchLoad None { get; } = new([]);

    public IReadOnlyList<WaitingOrder> Waiting { get; init; } = [];

    public bool Holds(Guid orderId) => Accepted.Contains(orderId) || Waiting.Any(w => w.Request.Order.OrderId == orderId);

    public BranchLoad With(Guid orderId) => Accepted.Contains(orderId) ? this : this with { Accepted = [.. Accepted, orderId] };

    public BranchLoad Without(Guid orderId) => Accepted.Contains(orderId) ? this with { Accepted = Accepted.Where(id => id != orderId).ToList() } : this;
}
