using System.ComponentModel.DataAnnotations;

namespace OrderStreams.BranchAssignment;

/// <summary>Section <c>BranchAssignment</c>; times as <c>hh:mm:ss</c> (environment variable <c>BranchAssignment__CapacityWait=00:02:00</c>).</summary>
public sealed class BranchAssignmentOptions : IValidatableObject
{
    public const string Section = "BranchAssignment";

    /// <summary>Branches asked per order (the original one included); a full last one is waited at until the deadline.</summary>
    [Range(1, 20, ErrorMessage = "BranchAssignment:MaxAttempts (environment variable BranchAssignment__MaxAttempts) must be 1 to 20.")]
    public int MaxAttempts { get; init; } = 3;

    /// <summary>How long an order waits for capacity at a full branch before it is offered to the next nearest one.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "BranchAssignment:CapacityWait must be between 1 second and 1 day.")]
    public TimeSpan CapacityWait { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long after its first request a paid order may wait for a branch in all before it is rejected (NO_CAPACITY).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "BranchAssignment:AssignmentTimeout must be between 1 second and 7 days.")]
    public TimeSpan AssignmentTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Interval of the check that moves on or rejects waiting orders whose time is up.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "BranchAssignment:DeadlineCheckInterval must be between 1 second and 10 minutes.")]
    public TimeSpan DeadlineCheckInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the task must be caught up with its input and idle before the wall clock decides its deadlines (docs/services.md).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "BranchAssignment:IdleAfter must be between 1 second and 1 hour.")]
    public TimeSpan IdleAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long an order waits for its payment verdict (and a handled one is remembered, against duplicates), and how long
    /// a branch remembers what it decided about an order, against repeated offers.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00", ErrorMessage = "BranchAssignment:PendingRetention must be between 1 minute and 30 days.")]
    public TimeSpan PendingRetention { get; init; } = TimeSpan.FromDays(1);

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "BranchAssignment:CleanupInterval must be between 1 second and 1 hour.")]
    public TimeSpan CleanupInterval { get; init; } = TimeSpan.FromMinutes(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (CapacityWait > AssignmentTimeout)
        {
            yield return new ValidationResult(
                $"BranchAssignment:CapacityWait ({CapacityWait:c}) must not be longer than BranchAssignment:AssignmentTimeout ({AssignmentTimeout:c}).",
                [nameof(CapacityWait), nameof(AssignmentTimeout)]);
        }
    }
}
