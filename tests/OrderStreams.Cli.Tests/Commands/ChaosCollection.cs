namespace OrderStreams.Cli.Tests.Commands;

/// <summary>Chaos runs start a whole platform each and measure it under faults: one at a time, nothing else beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ChaosCollection
{
    public const string Name = "chaos";
}
