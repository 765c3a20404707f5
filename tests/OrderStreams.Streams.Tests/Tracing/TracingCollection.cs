namespace OrderStreams.Streams.Tests.Tracing;

/// <summary>
/// Runs the tracing tests alone: their tracer provider listens to the runtime's spans process-wide, and other tests'
/// topologies would export into its list while it is read.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TracingCollection
{
    public const string Name = "tracing";
}
