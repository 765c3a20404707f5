using Confluent.Kafka;
using OrderStreams.Operations.Groups;
using OrderStreams.Testing;

namespace OrderStreams.Operations.Tests.Groups;

[Collection(EmbeddedKafkaCollection.Name)]
public sealed class OffsetResetterTests(TestBrokerFixture kafka)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Plan_ChangesNothing_AndTargetsEachKind()
    {
        var (topic, group) = await TopicWithCommittedGroupAsync(committed: 6);
        using var resetter = Resetter();
        var partitions = resetter.PartitionsOf([topic]);

        var earliest = Assert.Single(resetter.Plan(group, partitions, new ResetTarget.Earliest()));
        var latest = Assert.Single(resetter.Plan(group, partitions, new ResetTarget.Latest()));
        var back = Assert.Single(resetter.Plan(group, partitions, new ResetTarget.ShiftBy(-2)));
        var tooFar = Assert.Single(resetter.Plan(group, partitions, new ResetTarget.ShiftBy(100)));
        var absolute = Assert.Single(resetter.Plan(group, partitions, new ResetTarget.ToOffset(3)));

        Assert.Equal((6L, 0L, 6L), (earliest.Current!.Value, earliest.Target, earliest.Change));
        Assert.Equal((10L, -4L), (latest.Target, latest.Change));
        Assert.Equal(4, back.Target);
        Assert.Equal(10, tooFar.Target);
        Assert.Equal(3, absolute.Target);
        Assert.Equal(6, Committed(group, topic));
    }

    [Fact]
    public async Task Plan_ToDateTime_FindsTheFirstRecordAtOrAfterTheTime()
    {
        var (topic, group) = await TopicWithCommittedGroupAsync(committed: 9);
        using var resetter = Resetter();
        var partitions = resetter.PartitionsOf([topic]);

        var between = Assert.Single(resetter.Plan(group, partitions, new ResetTarget.ToDateTime(T0.AddMinutes(4.5))));
        var exact = Assert.Single(resetter.Plan(group, partitions, new ResetTarget.ToDateTime(T0.AddMinutes(7))));
        var after = Assert.Single(resetter.Plan(group, partitions, new ResetTarget.ToDateTime(T0.AddHours(1))));

        Assert.Equal((5L, 7L, 10L), (between.Target, exact.Target, after.Target));
    }

    [Fact]
    public async Task Apply_WhileAMemberConsumes_RefusesAndChangesNothing()
    {
        var (topic, group) = await TopicWithCommittedGroupAsync(committed: 6);
        using var member = new ConsumerBuilder<Ignore, Ignore>(kafka.ConsumerConfig(group)).Build();
        member.Subscribe(topic);
        for (var i = 0; i < 50 && member.Assignment.Count == 0; i++) member.Consume(200);
        using var resetter = Resetter();
        var plan = resetter.Plan(group, resetter.PartitionsOf([topic]), new ResetTarget.Earliest());

        var error = Assert.Throws<ActiveGroupException>(() => resetter.Apply(group, plan));

        Assert.Contains($"Consumer group '{group}' has active members", error.Message);
        Assert.Contains("stop every instance", error.Message);
        member.Close();
        Assert.Equal(6, Committed(group, topic));
    }

    [Fact]
    public async Task Apply_InactiveGroup_CommitsTheTargets()
    {
        var (topic, group) = await TopicWithCommittedGroupAsync(committed: 6);
        using var resetter = Resetter();

        resetter.Apply(group, resetter.Plan(group, resetter.PartitionsOf([topic]), new ResetTarget.ShiftBy(-4)));

        Assert.Equal(2, Committed(group, topic));
    }

    [Fact]
    public void PartitionsOf_UnknownTopic_SaysWhich()
    {
        using var resetter = Resetter();

        var error = Assert.Throws<InvalidDataException>(() => resetter.PartitionsOf(["no-such-topic"]));

        Assert.Contains("no-such-topic", error.Message);
    }

    private OffsetResetter Resetter() => new([new("bootstrap.servers", kafka.BootstrapServers)]);

    private async Task<(string Topic, string Group)> TopicWithCommittedGroupAsync(long committed)
    {
        var topic = kafka.CreateTopic("reset", partitions: 1);
        var group = TestBrokerFixture.UniqueName("reset-group");
        using (var producer = new ProducerBuilder<Null, string>(kafka.ProducerConfig()).Build())
        {
            for (var i = 0; i < 10; i++)
                await producer.ProduceAsync(topic, new Message<Null, string> { Value = $"{i}", Timestamp = new Timestamp(T0.AddMinutes(i)) });
        }
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(kafka.ConsumerConfig(group)).Build();
        consumer.Commit([new TopicPartitionOffset(topic, 0, committed)]);
        return (topic, group);
    }

    private long Committed(string group, string topic)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(kafka.ConsumerConfig(group)).Build();
        return consumer.Committed([new TopicPartition(topic, 0)], TimeSpan.FromSeconds(10)).Single().Offset.Value;
    }
}
