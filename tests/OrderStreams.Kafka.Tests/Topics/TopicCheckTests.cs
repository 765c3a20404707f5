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

    [Theory]
    [InlineData("delete", -1L, "delete", "604800000", "deleted after 7d, the manifest keeps them forever")]
    [InlineData("delete", 604_800_000L, "delete", "86400000", "deleted after 1d, the manifest keeps them 7d")]
    [InlineData("compact", -1L, "compact,delete", "3600000", "deleted after 1h, the manifest keeps them forever")]
    [InlineData("delete", -1L, "delete", "-1", null)]
    [InlineData("delete", 86_400_000L, "delete", "604800000", null)]
    [InlineData("delete", -1L, "compact", "604800000", null)]
    public void ShorterRetention_ComparesHowLongEachSideKeepsRecords(string declaredPolicy, long declaredMs, string policy, string retentionMs, string? expected)
    {
        var check = TopicCheck.Of(
            Spec with { CleanupPolicy = declaredPolicy, RetentionMs = declaredMs },
            Described(12, 3, new() { ["cleanup.policy"] = policy, ["retention.ms"] = retentionMs }));

        if (expected is null) Assert.Null(check.ShorterRetention);
        else Assert.Contains(expected, check.ShorterRetention);
    }

    [Fact]
    public void ShorterRetention_SizeLimit_IsReported()
    {
        var check = TopicCheck.Of(
            Spec with { CleanupPolicy = "delete" },
            Described(12, 3, new() { ["cleanup.policy"] = "delete", ["retention.ms"] = "-1", ["retention.bytes"] = "1073741824" }));

        Assert.Contains("retention.bytes 1073741824", check.ShorterRetention);
    }

    [Fact]
    public void ShorterRetention_ClusterReportsNoConfigs_IsNotClaimed() =>
        Assert.Null(TopicCheck.Of(Spec, Described(12, 3, null) with { ConfigsUnavailable = "no DescribeConfigs" }).ShorterRetention);

    internal static TopicDescription Described(int partitions, int replicas, Dictionary<string, string>? configs) => new(
        Spec.Name,
        Enumerable.Range(0, partitions).Select(p => new PartitionDescription(p, 1, Enumerable.Range(1, replicas).ToList(), Enumerable.Range(1, replicas).ToList())).ToList(),
        configs);
}
