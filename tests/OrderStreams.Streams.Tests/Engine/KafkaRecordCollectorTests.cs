using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using OrderStreams.Kafka.Clients;
using OrderStreams.Streams.Internals.Engine;
using OrderStreams.Streams.Internals.Runtime;
using OrderStreams.Streams.Tests.Integration;

namespace OrderStreams.Streams.Tests.Engine;

/// <summary>
/// At least once, a step's output must not reach Kafka before the state change written before it: a crash in between
/// would leave the output without its state, and the step processed again would decide anew.
/// </summary>
[Collection(EmbeddedKafkaCollection.Name)]
public sealed class KafkaRecordCollectorTests(StreamsBrokerFixture kafka)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(2);

    [Fact]
    public void Send_AfterAChangelogRecord_OutputHeldUntilTheChangelogIsAcknowledged()
    {
        var (changelog, output) = Topics();
        using var collector = Collector();

        collector.SendChangelog(changelog, 0, Bytes("order-1"), Bytes("paid"), 1);
        collector.Send(output, 0, Bytes("branch-1"), Bytes("OrderPaid"), null, 1);
        Thread.Sleep(Wait);
        var beforeRelease = HighWatermark(output);
        collector.ReleaseOutputs();
        var changelogDelivered = collector.NextOffset(changelog, 0);
        collector.Flush();

        Assert.Equal(0, beforeRelease);
        Assert.Equal(1, changelogDelivered);
        Assert.Equal(1, HighWatermark(output));
    }

    [Fact]
    public void ReleaseOutputs_ChangelogStillInFlight_ReturnsHoldingTheOutputUntilALaterRoundFindsItAcknowledged()
    {
        var (changelog, output) = Topics();
        using var collector = Collector();

        collector.SendChangelog(changelog, 0, Bytes("order-1"), Bytes("paid"), 1);
        collector.Send(output, 0, Bytes("branch-1"), Bytes("OrderPaid"), null, 1);
        collector.ReleaseOutputs();
        var (holding, changelogDelivered) = (collector.HoldsOutputs, collector.NextOffset(changelog, 0));
        var rounds = Stopwatch.StartNew();
        while (collector.HoldsOutputs && rounds.Elapsed < TimeSpan.FromSeconds(30))
        {
            Thread.Sleep(1);
            collector.ReleaseOutputs();
        }

        Assert.True(holding || changelogDelivered == 1, "the output left before its changelog record was acknowledged");
        Assert.False(collector.HoldsOutputs);
        Assert.Single(kafka.ReadUntil(output, records => records.Count > 0, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Send_NoChangelogRecordPending_OutputSentAtOnce()
    {
        var (_, output) = Topics();
        using var collector = Collector();

        collector.Send(output, 0, Bytes("branch-1"), Bytes("copy"), null, 1);

        Assert.Single(kafka.ReadUntil(output, records => records.Count > 0, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Flush_OutputsHeld_SendsThemAfterTheChangelogAndWaitsForBoth()
    {
        var (changelog, output) = Topics();
        using var collector = Collector();
        collector.SendChangelog(changelog, 0, Bytes("order-1"), Bytes("paid"), 1);
        collector.Send(output, 0, Bytes("branch-1"), Bytes("first"), null, 1);
        collector.SendChangelog(changelog, 0, Bytes("order-2"), Bytes("paid"), 2);
        collector.Send(output, 0, Bytes("branch-1"), Bytes("second"), null, 2);

        collector.Flush();

        Assert.Equal(2, collector.NextOffset(changelog, 0));
        Assert.Equal(["first", "second"], kafka.ReadUntil(output, records => records.Count == 2, TimeSpan.FromSeconds(30))
            .Select(r => Encoding.UTF8.GetString(r.Message.Value)));
    }

    [Fact]
    public async Task Send_LocalQueueFull_ServesDeliveryReportsUntilThereIsRoom()
    {
        var (_, output) = Topics();
        using var collector = Collector(producer => producer.QueueBufferingMaxMessages = 5);

        // Only the sending thread serves the reports that make room: a wait that served none would never end.
        var sending = Task.Run(() =>
        {
            for (var i = 0; i < 50; i++) collector.Send(output, 0, Bytes($"branch-{i}"), Bytes("copy"), null, 1);
            collector.Flush();
        });
        await sending.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(50, HighWatermark(output));
    }

    private (string Changelog, string Output) Topics()
    {
        var (changelog, output) = ($"collector-changelog-{Guid.NewGuid():N}", $"collector-output-{Guid.NewGuid():N}");
        kafka.CreateTopic(changelog, 1);
        kafka.CreateTopic(output, 1);
        return (changelog, output);
    }

    private KafkaRecordCollector Collector(Action<ProducerConfig>? configure = null)
    {
        var config = kafka.Config($"collector-{Guid.NewGuid():N}", Path.GetTempPath());
        return new KafkaRecordCollector(new KafkaClientFactory(config.ClientSettings()), producer =>
        {
            producer.ClientId = "collector-test";
            configure?.Invoke(producer);
        }, config, NullLogger.Instance, transactional: false);
    }

    private long HighWatermark(string topic)
    {
        var config = new ConsumerConfig { BootstrapServers = kafka.BootstrapServers, GroupId = "watermarks" };
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(config).Build();
        return consumer.QueryWatermarkOffsets(new TopicPartition(topic, 0), TimeSpan.FromSeconds(10)).High.Value;
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
