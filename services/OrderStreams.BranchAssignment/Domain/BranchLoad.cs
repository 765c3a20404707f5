namespace OrderStreams.BranchAssignment.Domain;

/// <summary>Orders a branch accepted that have not been picked up yet: its kitchen capacity in use (store key: the branch id).</summary>
internal sealed record BranchLoad(IReadOnlyList<Guid> Accepted)
{
    public static BranchLoad None { get; } = new([]);

    public BranchLoad With(Guid orderId) => Accepted.Contains(orderId) ? this : new([.. Accepted, orderId]);

    public BranchLoad Without(Guid orderId) => Accepted.Contains(orderId) ? new(Accepted.Where(id => id != orderId).ToList()) : this;
}
