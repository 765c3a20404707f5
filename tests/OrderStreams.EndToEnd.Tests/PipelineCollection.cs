using OrderStreams.EndToEnd.Tests.Platform;

namespace OrderStreams.EndToEnd.Tests;

/// <summary>One pipeline run shared by every end-to-end test.</summary>
[CollectionDefinition(Name)]
public sealed class PipelineCollection : ICollectionFixture<PipelinePlatform>
{
    public const string Name = "pipeline";
}
