using Confluent.Kafka;
using OrderStreams.Testing;
using OrderStreams.Testing.Brokers;

namespace OrderStreams.Cli.Tests.Commands;

[Collection(EmbeddedKafkaCollection.Name)]
public sealed class GroupResetCommandTests(TestBrokerFixture kafka)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void DryRun_PrintsThePlan_AndChangesNothing()
    {
        var (topic, group) = TopicWithGroupAt(7);

        var (exitCode, output, _) = Cli.Run("groups", "reset", "--group", group, "--to-earliest", "--bootstrap-servers", kafka.BootstrapServers);

        Assert.Equal(0, exitCode);
        Assert.Contains(topic, output);
        Assert.Contains("+7", output);
        Assert.Contains("Dry run: nothing changed", output);
        Assert.Equal(7, Committed(group, topic));
    }

    [Fact]
    public void Execute_InactiveGroup_MovesTheOffsets()
    {
        var (topic, group) = TopicWithGroupAt(7);

        var (exitCode, output, errors) = Cli.Run("groups", "reset", "--group", group, "--topic", $"{topic}:0", "--shift-by", "-5", "--execute", "--bootstrap-servers", kafka.BootstrapServers);

        Assert.True(exitCode == 0, errors);
        Assert.Contains("Reset 1 partition(s)", output);
        Assert.Equal(2, Committed(group, topic));
    }

    [Fact]
    public void Execute_ActiveGroup_RefusesWithAMessage()
    {
        var (topic, group) = TopicWithGroupAt(7);
        using var member = new ConsumerBuilder<Ignore, Ignore>(kafka.ConsumerConfig(group)).Build();
        member.Subscribe(topic);
        for (var i = 0; i < 50 && member.Assignment.Count == 0; i++) member.Consume(200);

        var (exitCode, _, errors) = Cli.Run("groups", "reset", "--group", group, "--to-earliest", "--execute", "--bootstrap-servers", kafka.BootstrapServers);

        Assert.Equal(1, exitCode);
        Assert.Contains("has active members", errors);
        member.Close();
        Assert.Equal(7, Committed(group, topic));
    }

    [Fact]
    public void ExecuteToDateTime_MovesToTheFirstRecordAtOrAfterTheTime()
    {
        var (topic, group) = TopicWithGroupAt(7);

        var (exitCode, _, errors) = Cli.Run("groups", "reset", "--group", group, "--to-datetime", T0.AddMinutes(3).AddSeconds(30).ToString("O"), "--execute", "--bootstrap-servers", kafka.BootstrapServers);

        Assert.True(exitCode == 0, errors);
        Assert.Equal(4, Committed(group, topic));
    }

    [EmbeddedBrokerFact("only the embedded broker drops a partition's start after about 5 MB")]
    public void ExecuteToEarliest_PartitionLostItsStart_RefusesUnlessPartialHistoryIsAccepted()
    {
        var topic = kafka.CreateTopic("cli-history", partitions: 1);
        var low = LogOverflow.Fill(kafka.BootstrapServers, new TopicPartition(topic, 0), T0);
        var group = TestBrokerFixture.UniqueName("cli-group");
        using (var consumer = new ConsumerBuilder<Ignore, Ignore>(kafka.ConsumerConfig(group)).Build())
            consumer.Commit([new TopicPartitionOffset(topic, 0, LogOverflow.DefaultRecords)]);
        var completeFrom = T0.AddSeconds(low).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);

        var dryRun = Cli.Run("groups", "reset", "--group", group, "--to-earliest", "--bootstrap-servers", kafka.BootstrapServers);
        var refused = Cli.Run("groups", "reset", "--group", group, "--to-earliest", "--execute", "--bootstrap-servers", kafka.BootstrapServers);
        var offsetAfterRefusal = Committed(group, topic);
        var accepted = Cli.Run("groups", "reset", "--group", group, "--to-earliest", "--execute", "--accept-partial-history", "--bootstrap-servers", kafka.BootstrapServers);

        Assert.True(low > 0, "the broker kept the whole partition; the test needs its start dropped");
        Assert.True(dryRun.ExitCode == 0, dryRun.Errors);
        Assert.Contains($"A rebuild from this log is complete only from {completeFrom}", dryRun.Output);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"{topic} partition(s) 0 ({low:N0} record(s) gone, complete from {completeFrom})", refused.Errors);
        Assert.Equal(LogOverflow.DefaultRecords, offsetAfterRefusal);
        Assert.True(accepted.ExitCode == 0, accepted.Errors);
        Assert.Contains($"Partial history accepted: the rebuilt view is complete only from {completeFrom}", accepted.Output);
        Assert.Equal(low, Committed(group, topic));
    }

    [Fact]
    public void Topic_PartitionThatDoesNotExist_IsRefusedWithTheRange()
    {
        var (topic, group) = TopicWithGroupAt(7);

        var (exitCode, _, errors) = Cli.Run("groups", "reset", "--group", group, "--topic", $"{topic}:3", "--to-earliest", "--execute", "--bootstrap-servers", kafka.BootstrapServers);

        Assert.Equal(65, exitCode);
        Assert.Contains("has no partition '3' (it has 0..0)", errors);
        Assert.Equal(7, Committed(group, topic));
    }

    [Theory]
    [InlineData("--to-earliest", "--to-latest")]
    [InlineData()]
    public void TargetOptions_ExactlyOneIsRequired(params string[] targets)
    {
        var (exitCode, _, errors) = Cli.Run(["groups", "reset", "--group", "g", .. targets, "--bootstrap-servers", kafka.BootstrapServers]);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Choose exactly one of --to-earliest", errors);
    }

    private (string Topic, string Group) TopicWithGroupAt(long offset)
    {
        var topic = kafka.CreateTopic("cli-reset", partitions: 1);
        var group = TestBrokerFixture.UniqueName("cli-group");
        using (var producer = new ProducerBuilder<Null, string>(kafka.ProducerConfig()).Build())
        {
            for (var i = 0; i < 10; i++) producer.Produce(topic, new Message<Null, string> { Value = $"{i}", Timestamp = new Timestamp(T0.AddMinutes(i)) });
            producer.Flush();
        }
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(kafka.ConsumerConfig(group)).Build();
        consumer.Commit([new TopicPartitionOffset(topic, 0, offset)]);
        return (topic, group);
    }

    private long Committed(string group, string topic)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(kafka.ConsumerConfig(group)).Build();
        return consumer.Committed([new TopicPartition(topic, 0)], TimeSpan.FromSeconds(10)).Single().Offset.Value;
    }
}
