using System.ComponentModel.DataAnnotations;

namespace OrderStreams.BranchAssignment;

/// <summary>Section <c>BranchAssignment</c>.</summary>
public sealed class BranchAssignmentOptions
{
    public const string Section = "BranchAssignment";

    /// <summary>Branches asked per order (the original one included) before it is rejected.</summary>
    [Range(1, 20, ErrorMessage = "BranchAssignment:MaxAttempts (environment variable BranchAssignment__MaxAttempts) must be 1 to 20.")]
    public int MaxAttempts { get; init; } = 3;

    /// <summary>How long an order waits for its payment verdict (and a handled one is remembered, against duplicates).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00", ErrorMessage = "BranchAssignment:PendingRetention must be between 1 minute and 30 days.")]
    public TimeSpan PendingRetention { get; init; } = TimeSpan.FromDays(1);

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "BranchAssignment:CleanupInterval must be between 1 second and 1 hour.")]
    public TimeSpan CleanupInterval { get; init; } = TimeSpan.FromMinutes(1);
}
