using OrderStreams.Operations.Rebuild;

namespace OrderStreams.Operations.Tests.Rebuild;

public sealed class ApplicationVersionsTests
{
    [Fact]
    public void Next_SkipsEveryIdUsedBefore() =>
        Assert.Equal("denormaliser-v4", ApplicationVersions.Next("denormaliser", id => id is "denormaliser-v2" or "denormaliser-v3"));

    [Fact]
    public void Next_FirstRebuild_IsV2() => Assert.Equal("payment-completion-v2", ApplicationVersions.Next("payment-completion", _ => false));
}
