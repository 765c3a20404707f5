using System.Text;

namespace OrderStreams.OrderFlow.Tests;

public sealed class BranchKeyOwnershipTests
{
    private readonly BranchKeyOwnership ownership = new(BranchRoutingTable.Parse("branch-00=11"));

    [Fact]
    public void OwnerOf_BranchKeyedTopic_ThePartitionTheTableGivesTheBranch()
    {
        foreach (var topic in OrderFlowTopics.BranchKeyed) Assert.Equal(11, ownership.OwnerOf(topic, Encoding.UTF8.GetBytes("branch-00"), 12));
    }

    [Theory]
    [InlineData(OrderFlowTopics.OrdersView)]
    [InlineData(OrderFlowTopics.Branches)]
    [InlineData("payment-completion-payment-state-changelog")]
    public void OwnerOf_OtherTopic_NotChecked(string topic) => Assert.Null(ownership.OwnerOf(topic, Encoding.UTF8.GetBytes("branch-00"), 12));
}
