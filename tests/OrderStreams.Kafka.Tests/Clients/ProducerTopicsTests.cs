using Confluent.Kafka;
using OrderStreams.Kafka.Clients;
using OrderStreams.Testing;

namespace OrderStreams.Kafka.Tests.Clients;

/// <summary>
/// Whether a producer knows a topic shows in how it takes a record for a partition the topic lacks: knowing the
/// partition count it refuses at once; not knowing it, it holds the record until it learns the topic.
/// </summary>
[Collection(EmbeddedKafkaCollection.Name)]
public sealed class ProducerTopicsTests(TestBrokerFixture kafka)
{
    private static readonly Message<byte[], byte[]> Record = new() { Key = [1], Value = [2] };

    [Fact]
    public void LearnTopic_MakesTheProducerKnowThePartitionCountBeforeItsFirstRecord()
    {
        var topic = kafka.CreateTopic("learned", partitions: 3);
        using var producer = new ProducerBuilder<byte[], byte[]>(kafka.ProducerConfig()).Build();

        producer.LearnTopic(topic, TimeSpan.FromSeconds(10));

        var refused = Assert.Throws<ProduceException<byte[], byte[]>>(() => producer.Produce(new TopicPartition(topic, 3), Record));
        Assert.Equal(ErrorCode.Local_UnknownPartition, refused.Error.Code);
    }

    [Fact]
    public async Task WithoutLearnTopic_AFreshProducerHoldsTheRecordInsteadOfRefusingIt()
    {
        var topic = kafka.CreateTopic("unlearned", partitions: 3);
        using var producer = new ProducerBuilder<byte[], byte[]>(kafka.ProducerConfig()).Build();
        var delivery = new TaskCompletionSource<Error>();

        producer.Produce(new TopicPartition(topic, 3), Record, report => delivery.TrySetResult(report.Error));

        var error = await delivery.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(ErrorCode.Local_UnknownPartition, error.Code);
    }
}
