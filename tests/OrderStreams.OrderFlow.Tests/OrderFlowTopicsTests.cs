using OrderStreams.Kafka.Topics;

namespace OrderStreams.OrderFlow.Tests;

public sealed class OrderFlowTopicsTests
{
    private static readonly TopicManifest Manifest = TopicManifest.Load(TopicManifest.Locate());

    [Fact]
    public void All_EveryTopicTheServicesUse_IsInTheManifest()
    {
        var declared = Manifest.Topics.Select(t => t.Name).ToHashSet();
        var missing = OrderFlowTopics.All.Except(declared).ToList();

        Assert.True(missing.Count == 0, $"Not in deploy/topics.yaml: {string.Join(", ", missing)}");
    }

    [Fact]
    public void BranchKeyed_TheManifestsOrderFlowGroup()
    {
        var group = Manifest.Topics.Where(t => t.CoPartitionGroup == "order-flow").Select(t => t.Name).Order();

        Assert.Equal(group, OrderFlowTopics.BranchKeyed.Order());
        Assert.All(OrderFlowTopics.BranchKeyed, topic => Assert.Equal("branchId", Manifest[topic].Key));
    }

    [Theory]
    [InlineData(OrderFlowTopics.BranchAssignmentRequests)]
    [InlineData(OrderFlowTopics.OrdersPaid)]
    [InlineData(OrderFlowTopics.Deliveries)]
    public void All_BranchKeyedFlowTopic_CoPartitionedWithOrdersPlaced(string topic)
    {
        var placed = Manifest[OrderFlowTopics.OrdersPlaced];

        Assert.Equal(placed.CoPartitionGroup, Manifest[topic].CoPartitionGroup);
        Assert.Equal(placed.Partitions, Manifest[topic].Partitions);
    }

    [Theory]
    [InlineData("payment-completion")]
    [InlineData("branch-assignment")]
    [InlineData("driver-assignment")]
    [InlineData("denormaliser")]
    public void Manifest_ServiceDeadLetterTopic_Declared(string service) =>
        Assert.Contains(Manifest.Topics, t => t.Name == $"{service}.dlq");
}
