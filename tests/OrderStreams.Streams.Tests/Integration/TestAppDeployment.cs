namespace OrderStreams.Streams.Tests.Integration;

/// <summary>One application of the test app: its id, topics and the root of its instances' state directories (one per instance, as on separate machines).</summary>
internal sealed record TestAppDeployment(string ApplicationId, string Input, string Output, string StateRoot)
{
    public string StateDirOf(string instance) => Path.Combine(StateRoot, instance);

    public string ChangelogTopic => Topology.ChangelogTopic(ApplicationId, "counts");
}
