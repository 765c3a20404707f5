using OrderStreams.Hosting.Configuration;
using OrderStreams.Hosting.Streams;

namespace OrderStreams.Hosting.Tests.Streams;

public sealed class ServiceStreamsConfigTests
{
    [Fact]
    public void Create_EmbeddedAdminUrl_ReachesTheRuntimeAsTopicAdminNotAsAClientSetting()
    {
        var kafka = new KafkaOptions { BootstrapServers = "127.0.0.1:1", EmbeddedAdminUrl = "http://127.0.0.1:5099/", SecurityProtocol = "plaintext" };

        var config = ServiceStreamsConfig.Create("svc", kafka, new StreamsOptions());
        using var admin = config.TopicAdmin;

        Assert.NotNull(admin);
        Assert.Equal("OrderStreams.Kafka.Topics.EmbeddedTopicAdmin", admin.GetType().FullName);
        Assert.DoesNotContain(KafkaOptions.EmbeddedAdminUrlKey, config.KafkaSettings.Keys);
        Assert.DoesNotContain(KafkaOptions.EmbeddedAdminUrlKey, config.ClientSettings().ForProducer().Keys);
        Assert.Equal("plaintext", config.KafkaSettings["security.protocol"]);
    }

    [Fact]
    public void Create_NoEmbeddedAdminUrl_LeavesTheAdminToTheRuntime()
    {
        var config = ServiceStreamsConfig.Create("svc", new KafkaOptions { BootstrapServers = "b:9092" }, new StreamsOptions());

        Assert.Null(config.TopicAdmin);
        Assert.Equal("b:9092", config.ClientSettings().BootstrapServers);
    }

    [Fact]
    public void Create_CompleteFrom_ReachesTheRuntime()
    {
        var from = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

        var config = ServiceStreamsConfig.Create("svc", new KafkaOptions { BootstrapServers = "b:9092" }, new StreamsOptions { CompleteFrom = from });

        Assert.Equal(from, config.CompleteFrom);
    }
}
