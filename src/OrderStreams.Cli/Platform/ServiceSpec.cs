namespace OrderStreams.Cli.Platform;

/// <summary>One topology service as the platform runs it: where its build is and what it consumes.</summary>
/// <param name="Name">Service name, also its application id and consumer group.</param>
/// <param name="Project">Project folder relative to the repository root.</param>
/// <param name="Assembly">Assembly name of its executable.</param>
/// <param name="InputTopics">The topics its consumer group reads (for lag).</param>
public sealed record ServiceSpec(string Name, string Project, string Assembly, IReadOnlyList<string> InputTopics)
{
    public string DeadLetterTopic => $"{Name}.dlq";
}
