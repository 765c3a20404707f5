using OrderStreams.EndToEnd.Tests.Platform;

// Each collection runs a platform of its own processes; side by side they would only slow each other down.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace OrderStreams.EndToEnd.Tests;

/// <summary>One pipeline run shared by every end-to-end test.</summary>
[CollectionDefinition(Name)]
public sealed class PipelineCollection : ICollectionFixture<PipelinePlatform>
{
    public const string Name = "pipeline";
}
