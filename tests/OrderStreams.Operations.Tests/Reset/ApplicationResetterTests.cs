using System.Text;
using Confluent.Kafka;
using OrderStreams.Operations.Groups;
using OrderStreams.Operations.Reset;
using OrderStreams.Testing;

namespace OrderStreams.Operations.Tests.Reset;

[Collection(EmbeddedKafkaCollection.Name)]
public sealed class ApplicationResetterTests(TestBrokerFixture kafka) : IDisposable
{
    private readonly string stateDir = Directory.CreateTempSubdirectory("orderstreams-reset-").FullName;

    [Fact]
    public void Plan_EmbeddedBroker_SourcesToEarliest_IntermediatesAndRepartitionToTheEnd_ChangelogsTombstoned()
    {
        var app = Application();
        Produce(app.Source, 0, 10);
        Produce(app.Intermediate, 0, 4);
        Produce(app.Repartition, 0, 6);
        Commit(app.Spec.ApplicationId, (app.Source, 8), (app.Intermediate, 1), (app.Repartition, 2));

        using var resetter = new ApplicationResetter(Settings());
        var plan = resetter.Plan(app.Spec, stateDir);

        Assert.False(plan.BrokerDeletesTopics);
        Assert.Equal(
            [(app.Source, 0L), (app.Intermediate, 4L), (app.Repartition, 6L)],
            plan.Offsets.Select(o => (o.Topic, o.Target)).OrderBy(o => o.Topic == app.Repartition).ThenBy(o => o.Topic == app.Intermediate).ToList());
        Assert.Equal(
            new[] { (app.Repartition, InternalTopicAction.SkipToEnd), ($"{app.Spec.ApplicationId}-instances", InternalTopicAction.Keep), (app.Changelog, InternalTopicAction.WriteTombstones) }.Order(),
            plan.InternalTopics.Select(s => (s.Topic.Name, s.Action)).Order());
        Assert.Equal(Path.Combine(stateDir, app.Spec.ApplicationId), plan.StateDirectory);
        Assert.Equal(10, plan.RecordsToReprocess);
        Assert.Equal(8, CommittedOffset(app.Spec.ApplicationId, app.Source));
    }

    [Fact]
    public void Execute_InactiveGroup_MovesOffsets_TombstonesLiveKeys_DeletesLocalState()
    {
        var app = Application();
        Produce(app.Source, 0, 10);
        Commit(app.Spec.ApplicationId, (app.Source, 10));
        using (var producer = new ProducerBuilder<string, string?>(kafka.ProducerConfig()).Build())
        {
            foreach (var (key, value) in new[] { ("a", "1"), ("b", "2"), ("b", null), ("c", "3"), ("a", "4") })
                producer.Produce(new TopicPartition(app.Changelog, 0), new Message<string, string?> { Key = key, Value = value });
            producer.Flush();
        }
        var local = Directory.CreateDirectory(Path.Combine(stateDir, app.Spec.ApplicationId, "0_0"));
        File.WriteAllText(Path.Combine(local.FullName, ".checkpoint"), "stale");

        using var resetter = new ApplicationResetter(Settings());
        var result = resetter.Execute(resetter.Plan(app.Spec, stateDir));

        Assert.Equal((2L, true), (result.TombstonesWritten, result.StateDirectoryDeleted));
        Assert.False(Directory.Exists(Path.Combine(stateDir, app.Spec.ApplicationId)));
        Assert.Equal(0, CommittedOffset(app.Spec.ApplicationId, app.Source));
        var tail = ReadFrom(app.Changelog, 5);
        Assert.Equal(["a", "c"], tail.Select(r => r.Key).Order().ToList());
        Assert.All(tail, r => Assert.Null(r.Value));
    }

    [Fact]
    public void Execute_GroupWithAMember_RefusesAndChangesNothing()
    {
        var app = Application();
        Produce(app.Source, 0, 10);
        Commit(app.Spec.ApplicationId, (app.Source, 7));
        using var member = new ConsumerBuilder<Ignore, Ignore>(kafka.ConsumerConfig(app.Spec.ApplicationId)).Build();
        member.Subscribe(app.Source);
        for (var i = 0; i < 50 && member.Assignment.Count == 0; i++) member.Consume(200);

        using var resetter = new ApplicationResetter(Settings());
        var plan = resetter.Plan(app.Spec, stateDir);

        Assert.True(resetter.HasActiveMembers(app.Spec));
        Assert.Throws<ActiveGroupException>(() => resetter.Execute(plan));
        member.Close();
        Assert.Equal(7, CommittedOffset(app.Spec.ApplicationId, app.Source));
    }

    public void Dispose() => Directory.Delete(stateDir, recursive: true);

    private TestApplication Application()
    {
        var id = TestBrokerFixture.UniqueName("reset-app");
        var source = kafka.CreateTopic("reset-source", partitions: 1);
        var intermediate = kafka.CreateTopic("reset-requests", partitions: 1);
        foreach (var topic in new[] { $"{id}-views-changelog", $"{id}-by-order-repartition", $"{id}-instances", $"{id}-v2-views-changelog" })
            kafka.Broker.CreateTopicNamed(topic, 1);
        return new TestApplication(new StreamsApplicationSpec(id, [source, intermediate], [intermediate]), source, intermediate, $"{id}-views-changelog", $"{id}-by-order-repartition");
    }

    private Dictionary<string, string> Settings() => new() { ["bootstrap.servers"] = kafka.BootstrapServers };

    private void Produce(string topic, int partition, int count)
    {
        using var producer = new ProducerBuilder<Null, string>(kafka.ProducerConfig()).Build();
        for (var i = 0; i < count; i++) producer.Produce(new TopicPartition(topic, partition), new Message<Null, string> { Value = $"{i}" });
        producer.Flush();
    }

    private void Commit(string group, params (string Topic, long Offset)[] offsets)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(kafka.ConsumerConfig(group)).Build();
        consumer.Commit(offsets.Select(o => new TopicPartitionOffset(o.Topic, 0, o.Offset)));
    }

    private long CommittedOffset(string group, string topic)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(kafka.ConsumerConfig(group)).Build();
        return consumer.Committed([new TopicPartition(topic, 0)], TimeSpan.FromSeconds(10)).Single().Offset.Value;
    }

    private List<(string Key, string? Value)> ReadFrom(string topic, long offset)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(kafka.ConsumerConfig(TestBrokerFixture.UniqueName("reader"))).Build();
        var end = consumer.QueryWatermarkOffsets(new TopicPartition(topic, 0), TimeSpan.FromSeconds(10)).High.Value;
        consumer.Assign(new TopicPartitionOffset(topic, 0, offset));
        var records = new List<(string, string?)>();
        while (offset + records.Count < end && consumer.Consume(TimeSpan.FromSeconds(10)) is { } record)
            records.Add((Encoding.UTF8.GetString(record.Message.Key), record.Message.Value is null ? null : Encoding.UTF8.GetString(record.Message.Value)));
        return records;
    }

    private sealed record TestApplication(StreamsApplicationSpec Spec, string Source, string Intermediate, string Changelog, string Repartition);
}
