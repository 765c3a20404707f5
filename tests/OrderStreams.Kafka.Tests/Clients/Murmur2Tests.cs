using System.Text;
using Confluent.Kafka;
using OrderStreams.Kafka.Clients;
using OrderStreams.Testing;

namespace OrderStreams.Kafka.Tests.Clients;

[Collection(EmbeddedKafkaCollection.Name)]
public sealed class Murmur2Tests(TestBrokerFixture kafka)
{
    // The vectors of Kafka's own UtilsTest.testMurmur2.
    [Theory]
    [InlineData("21", -973932308)]
    [InlineData("foobar", -790332482)]
    [InlineData("a-little-bit-long-string", -985981536)]
    [InlineData("a-little-bit-longer-string", -1486304829)]
    [InlineData("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971)]
    [InlineData("abc", 479470107)]
    public void Hash_KafkaTestVectors_MatchJava(string input, int expected) =>
        Assert.Equal(expected, Murmur2.Hash(Encoding.ASCII.GetBytes(input)));

    [Fact]
    public async Task PartitionFor_AgreesWithLibrdkafkaMurmur2RandomPartitioner()
    {
        const int partitions = 12;
        var topic = kafka.CreateTopic("murmur2", partitions);
        using var producer = new ProducerBuilder<string, string>(kafka.ProducerConfig()).Build();

        for (var branch = 0; branch < 200; branch++)
        {
            var key = $"branch-{branch:D3}";
            var delivered = await producer.ProduceAsync(topic, new Message<string, string> { Key = key, Value = "" });
            Assert.Equal(KafkaClientDefaults.PartitionFor(Encoding.UTF8.GetBytes(key), partitions), delivered.Partition.Value);
        }
    }
}
