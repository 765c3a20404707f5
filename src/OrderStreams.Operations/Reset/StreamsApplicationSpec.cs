namespace OrderStreams.Operations.Reset;

/// <summary>What resetting or following a streams application needs to know about it.</summary>
/// <param name="ApplicationId">Its consumer group, the prefix of its internal topics and the name of its state directory.</param>
/// <param name="InputTopics">The user topics it reads (not its internal topics).</param>
/// <param name="IntermediateTopics">
/// Those of <paramref name="InputTopics"/> it also writes itself. A reset skips them to their end, because
/// reprocessing the other inputs writes them again (kafka-streams-application-reset's <c>--intermediate-topics</c>).
/// </param>
public sealed record StreamsApplicationSpec(string ApplicationId, IReadOnlyList<string> InputTopics, IReadOnlyList<string> IntermediateTopics)
{
    /// <summary>The inputs read again from the earliest offset.</summary>
    public IEnumerable<string> SourceTopics => InputTopics.Except(IntermediateTopics, StringComparer.Ordinal);
}
