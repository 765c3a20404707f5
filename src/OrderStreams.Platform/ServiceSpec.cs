using OrderStreams.Operations.Reset;

namespace OrderStreams.Platform;

/// <summary>One topology service as the platform runs and operates it: where its build is, what it reads and writes.</summary>
/// <param name="Name">Service name, also its default application id and consumer group.</param>
/// <param name="Project">Project folder relative to the repository root.</param>
/// <param name="Assembly">Assembly name of its executable.</param>
/// <param name="InputTopics">The user topics its consumer group reads (for lag and resets; internal topics are found by name).</param>
/// <param name="OutputTopics">The user topics it writes (besides its dead-letter topic).</param>
/// <param name="ServesQueries">Whether it answers queries from its stores, so that a rebuilt version can take over its query API.</param>
/// <param name="OutputTopicSetting">The configuration key that sends its output to another topic, so a replay as of a time writes one of its own (null: it cannot be replayed).</param>
/// <param name="GlobalTopics">The reference topics it loads whole into global tables.</param>
public sealed record ServiceSpec(
    string Name, string Project, string Assembly, IReadOnlyList<string> InputTopics, IReadOnlyList<string> OutputTopics, bool ServesQueries = false,
    string? OutputTopicSetting = null, IReadOnlyList<string>? GlobalTopics = null)
{
    public string DeadLetterTopic => $"{Name}.dlq";

    /// <summary>Inputs it writes itself (re-keyed requests to itself): a reset skips them, reprocessing writes them again.</summary>
    public IReadOnlyList<string> IntermediateTopics => InputTopics.Intersect(OutputTopics, StringComparer.Ordinal).ToList();

    /// <summary>
    /// The topics whose history a rebuild of it needs: <paramref name="readFromStart"/> (the inputs it reads again from the
    /// earliest offset) and the reference topics it loads whole.
    /// </summary>
    public IReadOnlyList<string> HistoryTopics(IEnumerable<string> readFromStart) =>
        readFromStart.Concat(GlobalTopics ?? []).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The service run under <paramref name="applicationId"/> (default: its name), as resets and rebuilds see it.</summary>
    public StreamsApplicationSpec Application(string? applicationId = null) => new(applicationId ?? Name, InputTopics, IntermediateTopics);
}
