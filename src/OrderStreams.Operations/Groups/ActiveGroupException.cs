namespace OrderStreams.Operations.Groups;

/// <summary>A group's offsets cannot be changed while members are consuming: they would overwrite the reset.</summary>
public sealed class ActiveGroupException(string group, string detail)
    : InvalidOperationException($"Consumer group '{group}' has active members ({detail}); stop every instance of it before resetting its offsets.")
{
    public string Group { get; } = group;
}
