namespace OrderStreams.Streams.Internals.Graph;

/// <summary>A topic as the topology knows it: internal topics (repartition, changelog) get the application id as prefix at run time.</summary>
internal readonly record struct TopicName(string Name, bool Internal)
{
    public string Resolve(string applicationId) => Internal ? $"{applicationId}-{Name}" : Name;

    public override string ToString() => Internal ? $"<application.id>-{Name}" : Name;
}
