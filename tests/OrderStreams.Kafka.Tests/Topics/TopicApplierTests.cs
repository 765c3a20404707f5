using OrderStreams.Kafka.Topics;

namespace OrderStreams.Kafka.Tests.Topics;

/// <summary>
/// The apply rules where a cluster reports topic configs. The embedded broker keeps none and librdkafka's mock cluster
/// answers no DescribeConfigs or CreateTopics, so these run against a recording <see cref="ITopicAdmin"/>; the same
/// applier against the embedded broker is tested in <see cref="EmbeddedTopicAdminTests"/>.
/// </summary>
public sealed class TopicApplierTests
{
    private static readonly TopicSpec Placed = new("orders.placed", 12, 3, "delete", 604_800_000, "branchId", null, "order-flow", "");
    private static readonly TopicSpec View = TopicCheckTests.Spec;

    [Fact]
    public async Task ApplyAsync_MissingTopic_IsCreatedAndDifferingOneLeftAlone()
    {
        var admin = new RecordingAdmin(TopicCheckTests.Described(12, 3, new() { ["cleanup.policy"] = "delete", ["retention.ms"] = "-1" }));

        var result = await new TopicApplier(admin).ApplyAsync([Placed, View], dryRun: false);

        Assert.Equal([Placed], admin.Created);
        Assert.Equal([Placed], result.Missing);
        var drifted = Assert.Single(result.Drifted);
        Assert.Equal(new TopicDifference("cleanup.policy", "compact", "delete"), Assert.Single(drifted.Differences));
    }

    [Fact]
    public async Task ApplyAsync_DryRunAgainstATopicKeepingLessHistory_ReportsItsShorterRetention()
    {
        var source = Placed with { RetentionMs = -1, Role = TopicRole.Source };
        var admin = new RecordingAdmin(TopicCheckTests.Described(12, 3, new() { ["cleanup.policy"] = "delete", ["retention.ms"] = "604800000" }) with { Name = source.Name });

        var result = await new TopicApplier(admin).ApplyAsync([source], dryRun: true);

        var shorter = Assert.Single(result.ShorterRetention);
        Assert.Equal("orders.placed", shorter.Spec.Name);
        Assert.Equal("records are deleted after 7d, the manifest keeps them forever", shorter.ShorterRetention);
        Assert.Equal(new TopicDifference("retention.ms", "-1", "604800000"), Assert.Single(Assert.Single(result.Drifted).Differences));
        Assert.Empty(admin.Created);
    }

    [Fact]
    public async Task ApplyAsync_DryRun_CreatesNothing()
    {
        var admin = new RecordingAdmin();

        var result = await new TopicApplier(admin).ApplyAsync([Placed, View], dryRun: true);

        Assert.Empty(admin.Created);
        Assert.Equal([Placed, View], result.Missing);
        Assert.True(result.DryRun);
    }

    [Fact]
    public async Task ApplyAsync_EverythingMatches_CreatesNothing()
    {
        var admin = new RecordingAdmin(TopicCheckTests.Described(12, 3, new() { ["cleanup.policy"] = "compact", ["retention.ms"] = "-1" }));

        var result = await new TopicApplier(admin).ApplyAsync([View], dryRun: false);

        Assert.Empty(admin.Created);
        Assert.Equal(TopicStatus.Matches, Assert.Single(result.Checks).Status);
    }

    private sealed class RecordingAdmin(params TopicDescription[] existing) : ITopicAdmin
    {
        public List<TopicSpec> Created { get; } = [];

        public Task<IReadOnlyDictionary<string, int>> GetPartitionCountsAsync(IEnumerable<string> topics, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyDictionary<string, int>>(existing.ToDictionary(e => e.Name, e => e.Partitions.Count));

        public Task EnsureTopicsAsync(IEnumerable<TopicSpec> topics, CancellationToken cancellationToken = default)
        {
            Created.AddRange(topics);
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<TopicDescription>> DescribeTopicsAsync(IEnumerable<string>? topics = null, CancellationToken cancellationToken = default)
        {
            var wanted = topics?.ToHashSet();
            return Task.FromResult<IReadOnlyList<TopicDescription>>(existing.Where(e => wanted is null || wanted.Contains(e.Name)).ToList());
        }

        public Task DeleteRecordsAsync(IReadOnlyList<Confluent.Kafka.TopicPartitionOffset> before, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The topic applier deletes no records.");

        public void Dispose()
        {
        }
    }
}
