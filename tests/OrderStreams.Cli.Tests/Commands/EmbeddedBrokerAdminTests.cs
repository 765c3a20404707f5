using System.Diagnostics;
using OrderStreams.Testing;
using OrderStreams.Testing.Brokers;

namespace OrderStreams.Cli.Tests.Commands;

/// <summary>
/// The commands that need Kafka's admin API, pointed at the embedded broker without its control endpoint: each says at
/// once that this is the embedded broker and how to pass the endpoint, instead of waiting out a timeout (10 s per
/// request) or calling what crashes the process there (ListConsumerGroups). Group resets, lag and app reset work there
/// without the admin API (GroupResetCommandTests, GroupsLagCommandTests, ApplicationResetterTests).
/// </summary>
[Collection(EmbeddedKafkaCollection.Name)]
public sealed class EmbeddedBrokerAdminTests(TestBrokerFixture kafka) : IDisposable
{
    // Well under the 10 s request timeout the commands would otherwise wait, with room for a loaded machine's start-up.
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(9);

    private readonly string manifest = Path.Combine(Path.GetTempPath(), $"topics-{Guid.NewGuid():N}.yaml");

    [EmbeddedBrokerFact("tests what admin commands say on the embedded broker")]
    public void TopicsApply_NoControlEndpoint_SaysItIsTheEmbeddedBrokerAtOnce()
    {
        var topic = TestBrokerFixture.UniqueName("no-admin-apply");
        File.WriteAllLines(manifest, ["topics:", $"  - {{ name: {topic}, partitions: 2 }}"]);

        var ((exitCode, _, errors), took) = Timed(() => Cli.Run("topics", "apply", "--manifest", manifest, "--bootstrap-servers", kafka.BootstrapServers));

        Assert.Equal(1, exitCode);
        Assert.Contains("it is the embedded broker", errors);
        Assert.Contains("--embedded-admin-url", errors);
        Assert.DoesNotContain("Exception", errors);
        Assert.False(kafka.Cluster.Topics.ContainsKey(topic));
        Assert.True(took < Prompt, $"took {took}");
    }

    [EmbeddedBrokerFact("tests what admin commands say on the embedded broker")]
    public void TopicsDescribe_NoControlEndpoint_DescribesPartitionsAndSaysWhyNoConfigs()
    {
        var topic = kafka.CreateTopic("no-admin-describe", partitions: 3);

        var ((exitCode, output, errors), took) = Timed(() => Cli.Run("topics", "describe", topic, "--bootstrap-servers", kafka.BootstrapServers));

        Assert.True(exitCode == 0, errors);
        Assert.Contains(topic, output);
        Assert.Contains("it is the embedded broker", output);
        Assert.Contains("--embedded-admin-url", output);
        Assert.True(took < Prompt, $"took {took}");
    }

    [EmbeddedBrokerFact("tests what admin commands say on the embedded broker")]
    public void TopicsList_NoControlEndpoint_ListsWithoutWaitingForConfigs()
    {
        var topic = kafka.CreateTopic("no-admin-list", partitions: 2);
        File.WriteAllLines(manifest, ["topics:", $"  - {{ name: {topic}, partitions: 2 }}"]);

        var ((exitCode, output, errors), took) = Timed(() => Cli.Run("topics", "list", "--manifest", manifest, "--bootstrap-servers", kafka.BootstrapServers));

        Assert.True(exitCode == 0, errors);
        Assert.Contains(topic, output);
        Assert.True(took < Prompt, $"took {took}");
    }

    public void Dispose() => File.Delete(manifest);

    private static (T Result, TimeSpan Took) Timed<T>(Func<T> run)
    {
        var watch = Stopwatch.StartNew();
        var result = run();
        return (result, watch.Elapsed);
    }
}
