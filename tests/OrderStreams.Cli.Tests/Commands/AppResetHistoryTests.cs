using System.Globalization;
using Confluent.Kafka;
using OrderStreams.Testing;
using OrderStreams.Testing.Brokers;

namespace OrderStreams.Cli.Tests.Commands;

/// <summary>
/// <c>app reset</c> against a log that lost the start of a source partition: refused without changing anything, and
/// with <c>--accept-partial-history</c> done, with the time from which the rebuilt view is complete.
/// </summary>
[Collection(HistoryBrokerCollection.Name)]
public sealed class AppResetHistoryTests(TestBrokerFixture kafka)
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [EmbeddedBrokerFact("only the embedded broker drops a partition's start after about 5 MB")]
    public void Execute_SourcePartitionLostItsStart_RefusesAndChangesNothing_UntilPartialHistoryIsAccepted()
    {
        kafka.Broker.CreateTopicNamed("orders.placed", 12);
        kafka.Broker.CreateTopicNamed("payments", 12);
        var id = TestBrokerFixture.UniqueName("payment-completion-history");
        var changelog = $"{id}-pending-changelog";
        kafka.Broker.CreateTopicNamed(changelog, 12);
        var low = LogOverflow.Fill(kafka.BootstrapServers, new TopicPartition("orders.placed", 3), T0);
        LogOverflow.Fill(kafka.BootstrapServers, new TopicPartition("payments", 3), T0, records: 5);
        LogOverflow.Fill(kafka.BootstrapServers, new TopicPartition(changelog, 3), T0, records: 4);
        var committed = new[] { new TopicPartitionOffset("orders.placed", 3, LogOverflow.DefaultRecords), new TopicPartitionOffset("payments", 3, 5) };
        using (var consumer = new ConsumerBuilder<Ignore, Ignore>(kafka.ConsumerConfig(id)).Build()) consumer.Commit(committed);
        var stateDir = Directory.CreateTempSubdirectory("orderstreams-history-").FullName;
        var storeFile = Path.Combine(stateDir, id, "0_3", "store.sst");
        Directory.CreateDirectory(Path.GetDirectoryName(storeFile)!);
        File.WriteAllText(storeFile, "state");
        var completeFrom = T0.AddSeconds(low).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        string[] reset = ["app", "reset", "payment-completion", "--application-id", id, "--state-dir", stateDir, "--bootstrap-servers", kafka.BootstrapServers];

        try
        {
            var dryRun = Cli.Run(reset);
            var refused = Cli.Run([.. reset, "--execute"]);
            var afterRefusal = (Committed(id), EndOffset(changelog), File.Exists(storeFile));
            var accepted = Cli.Run([.. reset, "--execute", "--accept-partial-history"]);

            Assert.True(low > 0, "the broker kept the whole partition; the test needs its start dropped");
            Assert.True(dryRun.ExitCode == 0, dryRun.Errors);
            Assert.Contains($"A rebuild from this log is complete only from {completeFrom}", dryRun.Output);
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains($"a reset of '{id}' needs: orders.placed partition(s) 3 ({low:N0} record(s) gone, complete from {completeFrom})", refused.Errors);
            Assert.Contains($"the view would be complete only from {completeFrom}. Nothing was changed.", refused.Errors);
            Assert.Equal([LogOverflow.DefaultRecords, 5], afterRefusal.Item1);
            Assert.Equal((4L, true), (afterRefusal.Item2, afterRefusal.Item3));
            Assert.True(accepted.ExitCode == 0, accepted.Errors);
            Assert.Contains($"Partial history accepted: the rebuilt view is complete only from {completeFrom}", accepted.Output);
            Assert.Contains($"start it with Streams__CompleteFrom={completeFrom}", accepted.Output);
            Assert.Equal([low, 0], Committed(id));
            Assert.Equal(8, EndOffset(changelog));
            Assert.False(File.Exists(storeFile));
        }
        finally
        {
            Directory.Delete(stateDir, recursive: true);
        }
    }

    private long[] Committed(string group)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(kafka.ConsumerConfig(group)).Build();
        return consumer.Committed([new TopicPartition("orders.placed", 3), new TopicPartition("payments", 3)], TimeSpan.FromSeconds(10))
            .Select(c => c.Offset.Value).ToArray();
    }

    private long EndOffset(string topic)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(kafka.ConsumerConfig("history-watermarks")).Build();
        return consumer.QueryWatermarkOffsets(new TopicPartition(topic, 3), TimeSpan.FromSeconds(10)).High.Value;
    }
}
