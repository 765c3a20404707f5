namespace OrderStreams.SchemaRegistry.Serdes;

/// <summary>The record's full name, so one record type evolves as one subject across every topic that carries it.</summary>
public sealed class RecordNameStrategy : ISubjectNameStrategy
{
    public static RecordNameStrategy Instance { get; } = new();

    public string SubjectFor(string topic, bool isKey, string? recordFullName) =>
        recordFullName ?? throw new ArgumentException(
            $"RecordNameStrategy needs a named record schema; the {(isKey ? "key" : "value")} schema for topic '{topic}' has no record name.",
            nameof(recordFullName));
}
