using OrderStreams.Operations.Reset;

namespace OrderStreams.Operations.Tests.Reset;

public sealed class InternalTopicTests
{
    [Theory]
    [InlineData("denormaliser-order-views-changelog", InternalTopicKind.Changelog)]
    [InlineData("denormaliser-placed-by-order-repartition", InternalTopicKind.Repartition)]
    [InlineData("denormaliser-instances", InternalTopicKind.InstanceRegistry)]
    [InlineData("denormaliser-v2-order-views-changelog", null)]
    [InlineData("denormaliser-replay-20261122t080000z-order-views-changelog", null)]
    [InlineData("denormaliser-asof-20261122T080000Z-order-views-changelog", null)]
    [InlineData("denormaliser.dlq", null)]
    [InlineData("orders.view", null)]
    [InlineData("denormaliser-something", null)]
    public void KindOf_TopicsOfTheApplicationOnly(string topic, InternalTopicKind? kind) =>
        Assert.Equal(kind, InternalTopic.KindOf("denormaliser", topic));

    [Fact]
    public void KindOf_AVersionOwnsItsTopics() =>
        Assert.Equal(InternalTopicKind.Changelog, InternalTopic.KindOf("denormaliser-v2", "denormaliser-v2-order-views-changelog"));
}
