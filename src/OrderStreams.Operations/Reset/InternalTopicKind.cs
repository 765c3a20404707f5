namespace OrderStreams.Operations.Reset;

/// <summary>The topics a streams application creates for itself, named after its application id.</summary>
public enum InternalTopicKind
{
    /// <summary><c>&lt;application id&gt;-&lt;store&gt;-changelog</c>: a state store's log, restored into an empty store.</summary>
    Changelog,

    /// <summary><c>&lt;application id&gt;-&lt;name&gt;-repartition</c>: records re-keyed between its sub-topologies.</summary>
    Repartition,

    /// <summary><c>&lt;application id&gt;-instances</c>: which instance serves which partitions, for interactive queries.</summary>
    InstanceRegistry,
}
