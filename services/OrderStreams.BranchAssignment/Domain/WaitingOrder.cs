using System.Text.Json.Serialization;
using OrderStreams.Contracts.Events;

namespace OrderStreams.BranchAssignment.Domain;

/// <summary>
/// An order waiting at a full branch for capacity: accepted when capacity frees, offered to the next branch at
/// <paramref name="MoveAt"/>, rejected at the request's deadline.
/// </summary>
internal sealed record WaitingOrder(BranchAssignmentRequest Request, DateTimeOffset MoveAt)
{
    /// <summary>The trace of the request that left the order waiting, which the decision about it continues.</summary>
    public string? TraceParent { get; init; }

    [JsonIgnore]
    public DateTimeOffset Deadline => Request.Deadline ?? throw new InvalidOperationException("A waiting request carries its deadline.");
}
