namespace OrderStreams.Streams.Internals.Graph;

/// <summary>A connected part of the topology (through parent links and shared stores); one task per partition runs it.</summary>
internal sealed record Subtopology(
    int Id,
    IReadOnlyList<string> NodeNames,
    IReadOnlyList<TopicName> SourceTopics,
    IReadOnlyList<TopicName> SinkTopics,
    IReadOnlyList<string> StoreNames);
