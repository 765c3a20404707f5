using System.Text;
using OrderStreams.Kafka.Clients;

namespace OrderStreams.OrderFlow.Tests;

public sealed class BranchRoutingTableTests
{
    private static readonly string[] Branches = Enumerable.Range(1, 200).Select(i => $"branch-{i:D3}").ToArray();

    [Fact]
    public void PartitionFor_EmptyTable_KafkaDefaultPartition()
    {
        foreach (var branch in Branches)
            Assert.Equal(KafkaClientDefaults.PartitionFor(Encoding.UTF8.GetBytes(branch), 12), BranchRoutingTable.Empty.PartitionFor(branch, 12));
    }

    [Fact]
    public void PartitionFor_HotBranch_OwnPartitionNoOtherBranchThere()
    {
        var table = BranchRoutingTable.Parse("branch-007=11, branch-100=3");

        Assert.Equal(11, table.PartitionFor("branch-007", 12));
        Assert.Equal(3, table.PartitionFor("branch-100", 12));
        var others = Branches.Where(b => b is not ("branch-007" or "branch-100")).Select(b => table.PartitionFor(b, 12)).ToList();
        Assert.DoesNotContain(11, others);
        Assert.DoesNotContain(3, others);
        Assert.Equal(10, others.Distinct().Count());
    }

    [Fact]
    public void PartitionFor_BranchNotPinnedNorDisplaced_KafkaDefaultPartition()
    {
        var table = BranchRoutingTable.Parse("branch-007=11, branch-100=3");

        var unmoved = Branches.Where(b => b is not ("branch-007" or "branch-100")).Where(b => Murmur2(b) is not (11 or 3)).ToList();

        Assert.True(unmoved.Count > 150);
        foreach (var branch in unmoved) Assert.Equal(Murmur2(branch), table.PartitionFor(branch, 12));
    }

    [Fact]
    public void PartitionFor_BranchWhoseMurmur2PartitionIsDedicated_MovedToTheSameSharedPartitionEveryTime()
    {
        var table = BranchRoutingTable.Parse("branch-007=11");

        var displaced = Branches.Where(b => b != "branch-007" && Murmur2(b) == 11).ToList();

        Assert.NotEmpty(displaced);
        foreach (var branch in displaced)
        {
            var partition = table.PartitionFor(branch, 12);
            Assert.InRange(partition, 0, 10);
            Assert.Equal(partition, BranchRoutingTable.Parse("branch-007=11").PartitionFor(branch, 12));
        }
    }

    [Theory]
    [InlineData("branch-1")]
    [InlineData("branch-1=x")]
    [InlineData("branch-1=2,branch-1=3")]
    [InlineData("branch-1=2,branch-2=2")]
    [InlineData("branch-1=-1")]
    public void Parse_Invalid_FormatException(string spec) => Assert.Throws<FormatException>(() => BranchRoutingTable.Parse(spec));

    [Fact]
    public void PartitionFor_DedicatedPartitionBeyondTopic_Throws()
    {
        Assert.Throws<ArgumentException>(() => BranchRoutingTable.Parse("branch-1=20").PartitionFor("branch-1", 12));
    }

    private static int Murmur2(string branch) => KafkaClientDefaults.PartitionFor(Encoding.UTF8.GetBytes(branch), 12);

    [Fact]
    public void Partition_BranchPartitioner_FollowsTableOrFallsBackWhenEmpty()
    {
        Assert.Equal(11, new BranchPartitioner<string>(BranchRoutingTable.Parse("hot=11")).Partition("t", "hot", "v", 12));
        Assert.Null(new BranchPartitioner<string>(BranchRoutingTable.Empty).Partition("t", "hot", "v", 12));
    }
}
