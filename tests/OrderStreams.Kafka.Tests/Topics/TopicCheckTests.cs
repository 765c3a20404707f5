using OrderStreams.Kafka.Topics;

namespace OrderStreams.Kafka.Tests.Topics;

public sealed class TopicCheckTests
{
    internal static readonly TopicSpec Spec = new("orders.view", 12, 3, "compact", -1, "orderId", null, null, "");

    [Fact]
    public void Of_NoTopicOnTheCluster_IsMissing() =>
        Assert.Equal(TopicStatus.Missing, TopicCheck.Of(Spec, null).Status);

    [Fact]
    public void Of_SameSettings_Matches()
    {
        var check = TopicCheck.Of(Spec, Described(12, 3, new() { ["cleanup.policy"] = "compact", ["retention.ms"] = "-1", ["min.insync.replicas"] = "2" }));

        Assert.Equal(TopicStatus.Matches, check.Status);
        Assert.Null(check.ConfigsNotChecked);
    }

    [Fact]
    public void Of_OtherPartitionsReplicationAndConfigs_ListsEveryDifference()
    {
        var check = TopicCheck.Of(Spec, Described(6, 1, new() { ["cleanup.policy"] = "delete", ["retention.ms"] = "604800000" }));

        Assert.Equal(TopicStatus.Differs, check.Status);
        Assert.Equal(
            [new("partitions", "12", "6"), new("replication", "3", "1"), new("cleanup.policy", "compact", "delete"), new("retention.ms", "-1", "604800000")],
            check.Differences);
    }

    [Fact]
    public void Of_CleanupPolicyInAnotherOrder_IsTheSamePolicy()
    {
        var check = TopicCheck.Of(Spec with { CleanupPolicy = "compact,delete" }, Described(12, 3, new() { ["cleanup.policy"] = "delete, compact", ["retention.ms"] = "-1" }));

        Assert.Equal(TopicStatus.Matches, check.Status);
    }

    [Fact]
    public void Of_ConfigMissingFromTheReport_Differs()
    {
        var check = TopicCheck.Of(Spec, Described(12, 3, new() { ["cleanup.policy"] = "compact" }));

        Assert.Equal(new TopicDifference("retention.ms", "-1", "(not set)"), Assert.Single(check.Differences));
    }

    [Fact]
    public void Of_ClusterReportsNoConfigs_ComparesTheRestAndSaysWhy()
    {
        var check = TopicCheck.Of(Spec, Described(12, 3, null) with { ConfigsUnavailable = "no DescribeConfigs" });

        Assert.Equal(TopicStatus.Matches, check.Status);
        Assert.Equal("no DescribeConfigs", check.ConfigsNotChecked);
    }

    internal static TopicDescription Described(int partitions, int replicas, Dictionary<string, string>? configs) => new(
        Spec.Name,
        Enumerable.Range(0, partitions).Select(p => new PartitionDescription(p, 1, Enumerable.Range(1, replicas).ToList(), Enumerable.Range(1, replicas).ToList())).ToList(),
        configs);
}
