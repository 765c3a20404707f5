using Confluent.Kafka;
using OrderStreams.Kafka.Clients;

namespace OrderStreams.Kafka.Tests.Clients;

public sealed class KafkaClientFactoryTests
{
    private static readonly KafkaClientSettings Settings = new(
        new Dictionary<string, string> { ["bootstrap.servers"] = "b:9092", ["security.protocol"] = "ssl", ["linger.ms"] = "1" },
        new Dictionary<string, string> { ["linger.ms"] = "20" },
        new Dictionary<string, string> { ["fetch.wait.max.ms"] = "10" });

    [Fact]
    public void ProducerConfig_CommonThenProducerOnly_WithOurDefaults()
    {
        var config = new KafkaClientFactory(Settings).ProducerConfig();

        Assert.Equal("b:9092", config.BootstrapServers);
        Assert.Equal(SecurityProtocol.Ssl, config.SecurityProtocol);
        Assert.Equal(20, config.LingerMs);
        Assert.Equal(KafkaClientDefaults.KeyPartitioner, config.Partitioner);
        Assert.True(config.EnableIdempotence);
        Assert.Null(config.Get("fetch.wait.max.ms"));
    }

    [Fact]
    public void ConsumerConfig_CommonThenConsumerOnly_WithTheGroup()
    {
        var config = new KafkaClientFactory(Settings).ConsumerConfig("group-a");

        Assert.Equal("group-a", config.GroupId);
        Assert.Equal("1", config.Get("linger.ms"));
        Assert.Equal(10, config.FetchWaitMaxMs);
    }

    [Fact]
    public void Settings_ANewCopyForEveryClient()
    {
        // Confluent.Kafka's config classes write into the dictionary they are built from.
        var factory = new KafkaClientFactory(Settings);
        factory.ConsumerConfig().EnablePartitionEof = true;

        Assert.Null(factory.ConsumerConfig().EnablePartitionEof);
        Assert.DoesNotContain("enable.partition.eof", Settings.ForConsumer().Keys);
    }

    [Fact]
    public void CreateProducer_ConfigureRunsLast()
    {
        string? seen = null;
        using var producer = new KafkaClientFactory(Settings with { Common = new Dictionary<string, string> { ["bootstrap.servers"] = "127.0.0.1:1" } })
            .CreateProducer<Null, string>(config => { config.ClientId = "mine"; seen = config.Get("linger.ms"); });

        Assert.Equal("20", seen);
        Assert.StartsWith("mine#producer-", producer.Name);
    }
}
