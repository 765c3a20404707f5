using System.ComponentModel.DataAnnotations;

namespace OrderStreams.BranchAssignment.Tests;

public sealed class BranchAssignmentOptionsTests
{
    [Fact]
    public void Validate_Defaults_Valid() => Assert.Empty(Problems(new BranchAssignmentOptions()));

    [Fact]
    public void Validate_CapacityWaitLongerThanAssignmentTimeout_NamesBothSettings()
    {
        var problems = Problems(new BranchAssignmentOptions { CapacityWait = TimeSpan.FromMinutes(20), AssignmentTimeout = TimeSpan.FromMinutes(15) });

        var problem = Assert.Single(problems);
        Assert.Contains("BranchAssignment:CapacityWait", problem);
        Assert.Contains("BranchAssignment:AssignmentTimeout", problem);
    }

    [Fact]
    public void Validate_DeadlineCheckIntervalZero_Rejected() =>
        Assert.Contains(Problems(new BranchAssignmentOptions { DeadlineCheckInterval = TimeSpan.Zero }), p => p.Contains("DeadlineCheckInterval"));

    private static List<string> Problems(BranchAssignmentOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage ?? "").ToList();
    }
}
