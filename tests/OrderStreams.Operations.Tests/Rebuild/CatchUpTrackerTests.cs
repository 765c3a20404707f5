using Confluent.Kafka;
using OrderStreams.Operations.Lag;
using OrderStreams.Operations.Rebuild;
using OrderStreams.Operations.Reset;
using OrderStreams.Testing;

namespace OrderStreams.Operations.Tests.Rebuild;

[Collection(EmbeddedKafkaCollection.Name)]
public sealed class CatchUpTrackerTests(TestBrokerFixture kafka)
{
    [Fact]
    public void Update_FollowsTheCommitsUpToTheEndSeenAtTheStart_ThenTheRepartitionTopics()
    {
        var app = TestBrokerFixture.UniqueName("catchup");
        var source = kafka.CreateTopic("catchup-source", partitions: 2);
        var repartition = $"{app}-by-id-repartition";
        kafka.Broker.CreateTopicNamed(repartition, 1);
        Produce(source, 0, 6);
        Produce(source, 1, 4);
        using var lag = new LagReader([new("bootstrap.servers", kafka.BootstrapServers)]);
        var tracker = new CatchUpTracker(lag, new StreamsApplicationSpec(app, [source], []));

        var idle = tracker.Update();
        Produce(source, 0, 5);
        Commit(app, (source, 0, 3), (source, 1, 2));
        var half = tracker.Update();
        Produce(repartition, 0, 3);
        Commit(app, (source, 0, 6), (source, 1, 4));
        var finishing = tracker.Update();
        Commit(app, (repartition, 0, 3));
        var done = tracker.Update();

        Assert.Equal((0L, 10L, false, false), (idle.Done, idle.Total, idle.Started, idle.CaughtUp));
        Assert.Equal((5L, 10L, 0.5), (half.Done, half.Total, half.Fraction));
        Assert.Equal((10L, 13L, false), (finishing.Done, finishing.Total, finishing.CaughtUp));
        Assert.Equal((13L, true, 1.0), (done.Done, done.CaughtUp, done.Fraction));
    }

    private void Produce(string topic, int partition, int count)
    {
        using var producer = new ProducerBuilder<Null, string>(kafka.ProducerConfig()).Build();
        for (var i = 0; i < count; i++) producer.Produce(new TopicPartition(topic, partition), new Message<Null, string> { Value = $"{i}" });
        producer.Flush();
    }

    private void Commit(string group, params (string Topic, int Partition, long Offset)[] offsets)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(kafka.ConsumerConfig(group)).Build();
        consumer.Commit(offsets.Select(o => new TopicPartitionOffset(o.Topic, o.Partition, o.Offset)));
    }
}
