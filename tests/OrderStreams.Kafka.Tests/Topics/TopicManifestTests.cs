using OrderStreams.Kafka.Topics;
using OrderStreams.Testing;

namespace OrderStreams.Kafka.Tests.Topics;

public sealed class TopicManifestTests
{
    [Fact]
    public void Load_RepositoryManifest_OrderFlowIsCoPartitionedOnTwelvePartitions()
    {
        var manifest = TopicManifest.Load(RepositoryPaths.Of(TopicManifest.RelativePath));

        var orderFlow = manifest.CoPartitionedWith("orders.placed");
        Assert.Contains(orderFlow, t => t.Name == "payments");
        Assert.Contains(orderFlow, t => t.Name == "deliveries");
        Assert.All(orderFlow, t => Assert.Equal(12, t.Partitions));
        Assert.Equal("compact", manifest["orders.view"].CleanupPolicy);
        Assert.Equal(-1, manifest["orders.view"].RetentionMs);
        Assert.Equal(-1, manifest["orders.placed"].RetentionMs);
    }

    [Fact]
    public void Load_RepositoryManifest_SourcesKeepTheirHistory_DriverPingsKeepAWindow()
    {
        var manifest = TopicManifest.Load(RepositoryPaths.Of(TopicManifest.RelativePath));

        var sources = manifest.Topics.Where(t => t.Role == TopicRole.Source).Select(t => t.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["branches", "deliveries", "drivers", "orders.placed", "payments"], sources);
        Assert.All(manifest.Topics.Where(t => t.Role == TopicRole.Source), t => Assert.True(t.KeepsHistory, t.Name));
        Assert.Equal(TopicRole.Window, manifest["drivers.status"].Role);
        // Views rebuild from these derived topics too, so they keep history; the ones nothing rebuilds from may not.
        Assert.All(new[] { "orders.paid", "orders.branch-assigned", "orders.driver-assigned", "orders.view" }, t => Assert.True(manifest[t].KeepsHistory, t));
        Assert.False(manifest["branch-assignment.requests"].KeepsHistory);
    }

    [Theory]
    [InlineData("topics: [ { name: a, role: source } ]", false)]
    [InlineData("topics: [ { name: a, role: source, retention: forever } ]", true)]
    [InlineData("topics: [ { name: a, role: Source, cleanupPolicy: compact } ]", true)]
    [InlineData("topics: [ { name: a, role: source, cleanupPolicy: 'compact,delete', retention: 30d } ]", false)]
    public void Parse_SourceTopic_MustKeepItsHistory(string yaml, bool accepted)
    {
        if (accepted)
        {
            Assert.Equal(TopicRole.Source, Parse(yaml)["a"].Role);
            return;
        }
        var error = Assert.Throws<InvalidDataException>(() => Parse(yaml));
        Assert.Contains("a source topic keeps its history", error.Message);
    }

    [Fact]
    public void Parse_DefaultsApply_WhenTopicOmitsThem()
    {
        var manifest = Parse("""
            defaults: { partitions: 6, replicationFactor: 1, retention: 12h }
            topics:
              - name: a
              - name: b
                partitions: 3
                cleanupPolicy: compact
            """);

        Assert.Equal((6, (short)1, "delete", 12 * 3_600_000L), (manifest["a"].Partitions, manifest["a"].ReplicationFactor, manifest["a"].CleanupPolicy, manifest["a"].RetentionMs));
        Assert.Equal((3, "compact"), (manifest["b"].Partitions, manifest["b"].CleanupPolicy));
    }

    [Theory]
    [InlineData("topics: [ { partitions: 3 } ]", "topics[0]: 'name' is required")]
    [InlineData("topics: [ { name: a }, { name: a } ]", "topic 'a' is declared twice")]
    [InlineData("topics: [ { name: a, cleanupPolicy: delete-ish } ]", "cleanupPolicy must be")]
    [InlineData("topics: [ { name: a, retention: 7 weeks } ]", "retention unit ' weeks'")]
    [InlineData("topics: [ { name: a, partitions: 0 } ]", "partitions must be at least 1")]
    [InlineData("topics: [ { name: a, coPartition: g, partitions: 3 }, { name: b, coPartition: g, partitions: 4 } ]", "co-partition group 'g' mixes partition counts (a=3, b=4)")]
    [InlineData("topics: [ { name: a, colour: red } ]", "test.yaml:1")]
    [InlineData("topics: [ { name: a, role: truth } ]", "role must be source, window or derived, not 'truth'")]
    public void Parse_InvalidManifest_SaysWhatAndWhere(string yaml, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => Parse(yaml));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Indexer_UnknownTopic_NamesIt()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => Parse("topics: [ { name: a } ]")["b"]);
        Assert.Contains("'b'", error.Message);
    }

    private static TopicManifest Parse(string yaml) => TopicManifest.Parse(new StringReader(yaml), "test.yaml");
}
