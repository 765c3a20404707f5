namespace OrderStreams.Streams.Processor;

/// <summary>A task: one sub-topology over one partition number of its co-partitioned source topics. Printed like Kafka's <c>0_3</c>.</summary>
public readonly record struct TaskId(int Subtopology, int Partition)
{
    public override string ToString() => $"{Subtopology}_{Partition}";

    public static TaskId Parse(string text)
    {
        var parts = text.Split('_');
        return parts.Length == 2 && int.TryParse(parts[0], out var s) && int.TryParse(parts[1], out var p)
            ? new TaskId(s, p)
            : throw new FormatException($"'{text}' is not a task id like 0_3.");
    }
}
