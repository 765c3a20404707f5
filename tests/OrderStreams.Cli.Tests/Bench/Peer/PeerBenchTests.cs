using System.Text;
using Confluent.Kafka;
using OrderStreams.Bench;
using OrderStreams.Bench.Peer;
using OrderStreams.Kafka.Clients;
using OrderStreams.Kafka.Topics;
using OrderStreams.Testing;
using OrderStreams.Testing.Brokers;

namespace OrderStreams.Cli.Tests.Bench.Peer;

/// <summary>
/// The peer benchmark on a tiny input: Streamiz runs in its own process (bench/OrderStreams.Bench.Streamiz, built by
/// this project).
/// </summary>
[Collection(EmbeddedKafkaCollection.Name)]
public sealed class PeerBenchTests(TestBrokerFixture kafka, Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private const int Records = 300;
    private readonly DirectoryInfo stateDirectory = Directory.CreateTempSubdirectory("orderstreams-peer-bench-");
    private readonly ITopicAdmin topicAdmin =
        TopicAdmin.Create(new KafkaClientFactory(KafkaClientSettings.For(kafka.BootstrapServers)), kafka.Control.Url);

    public void Dispose()
    {
        topicAdmin.Dispose();
        stateDirectory.Delete(recursive: true);
    }

    [EmbeddedBrokerFact("the bench runs on the embedded cluster")]
    public async Task VerifyAsync_TinyInput_BothEnginesWriteTheSameRecords()
    {
        var (bench, peer) = Bench();

        var differences = await bench.VerifyAsync(PeerPipeline.All(peer), Records, CancellationToken.None);

        Assert.Empty(differences);
    }

    [EmbeddedBrokerFact("the bench runs on the embedded cluster")]
    public async Task MeasureAsync_OneTinyRound_BothEnginesMeasuredOnEveryFigure()
    {
        var (bench, peer) = Bench();
        var ceiling = new List<PipelineSample>();

        var figures = await bench.MeasureAsync(
            PeerPipeline.All(peer).Take(1).ToList(), rounds: 1, restoreRecords: Records, measureScaleOut: true, ceiling,
            CancellationToken.None);

        Assert.Single(ceiling);
        Assert.Equal(
            [
                "stateless-avro-map throughput", "stateless-avro-map latency p50", "stateless-avro-map latency p99",
                "stateless-avro-map first output",
                "restore", "restore: opening the stores", "restore with the opening",
                "scale-out 1→2 pause", "scale-out 1→2 longest stall", "scale-out 1→2 stalled partitions",
            ],
            figures.Select(f => f.Figure));
        var throughput = figures[0];
        Assert.True(throughput.Runtime > 0 && throughput.Streamiz > 0, $"throughput {throughput.Runtime} and {throughput.Streamiz}");
        Assert.Equal(throughput.Streamiz / throughput.Runtime, throughput.StreamizToRuntime);
        Assert.Equal(throughput.Runtime / ceiling[0].RecordsPerSecond, throughput.RuntimeToCeiling);
        Assert.All(
            figures.Take(5).Append(figures[6]), f => Assert.True(f.Runtime > 0 && f.Streamiz > 0, $"{f.Figure}: {f.Runtime} and {f.Streamiz}"));
    }

    [Fact]
    public void SequenceDifferences_OneValueChanged_NamesThePartitionAndRecord()
    {
        var ours = Partitions(("a", "1"), ("b", "2"));
        var theirs = Partitions(("a", "1"), ("b", "3"));

        Assert.Empty(PeerOutputCheck.SequenceDifferences(ours, Partitions(("a", "1"), ("b", "2"))));
        Assert.Equal(
            ["partition 0, record 1: the engines wrote different keys or values"], PeerOutputCheck.SequenceDifferences(ours, theirs));
    }

    [Fact]
    public void LastPerKeyDifferences_OnlyEarlierUpdatesDiffer_Agree()
    {
        var ours = Partitions(("a", "1"), ("a", "2"), ("b", "5"));
        var theirs = Partitions(("a", "2"), ("b", "4"), ("b", "5"));

        Assert.Empty(PeerOutputCheck.LastPerKeyDifferences(ours, theirs));
        Assert.Single(PeerOutputCheck.LastPerKeyDifferences(ours, Partitions(("a", "1"), ("b", "5"))));
    }

    private (PeerBench Bench, StreamizPeer Peer) Bench()
    {
        var consumerSettings = new Dictionary<string, string> { ["fetch.wait.max.ms"] = "10" };
        var environment = new BenchEnvironment(
            kafka.BootstrapServers, new Dictionary<string, string>(), consumerSettings, stateDirectory.FullName)
        {
            TopicAdmin = topicAdmin,
        };
        var settings = new BenchSettings(Records, ValueBytes: 200, LatencyRate: 200, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2));
        var peer = StreamizPeer.Locate();
        return (new PeerBench(kafka.Cluster, environment, settings, peer, new Progress<string>(output.WriteLine)), peer);
    }

    /// <summary>One partition holding <paramref name="records"/> in order.</summary>
    private static List<Message<byte[], byte[]>>[] Partitions(params (string Key, string Value)[] records) =>
        [records.Select(r => new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes(r.Key), Value = Encoding.UTF8.GetBytes(r.Value) })
            .ToList()];
}
