namespace OrderStreams.SchemaRegistry.Serdes;

/// <summary>The default: <c>&lt;topic&gt;-key</c> and <c>&lt;topic&gt;-value</c>, so each topic's schemas evolve on their own.</summary>
public sealed class TopicNameStrategy : ISubjectNameStrategy
{
    public static TopicNameStrategy Instance { get; } = new();

    public string SubjectFor(string topic, bool isKey, string? recordFullName) => $"{topic}-{(isKey ? "key" : "value")}";
}
