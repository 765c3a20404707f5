using Microsoft.Extensions.Logging.Abstractions;
using OrderStreams.Kafka.Embedded;
using OrderStreams.Streams.Internals.Engine;
using OrderStreams.Streams.Serialization;

namespace OrderStreams.Streams.Tests.Engine;

public sealed class EngineContextTests
{
    [Fact]
    public void ClientSettings_SharedThenOwnKind_WithoutTheEmbeddedAdminUrl()
    {
        var config = new StreamsConfig
        {
            ApplicationId = "app",
            BootstrapServers = "b:9092",
            KafkaSettings = new() { ["security.protocol"] = "ssl", ["linger.ms"] = "1", [EmbeddedClusterControl.UrlSetting] = "http://127.0.0.1:1/" },
            ProducerSettings = new() { ["linger.ms"] = "20" },
            ConsumerSettings = new() { ["fetch.wait.max.ms"] = "10" },
        };

        var engine = new EngineContext(config, Topology(), NullLoggerFactory.Instance, (_, _) => { }, () => { });

        Assert.Equal(new Dictionary<string, string> { ["security.protocol"] = "ssl", ["linger.ms"] = "20" }, engine.ProducerClientSettings);
        Assert.Equal(new Dictionary<string, string> { ["security.protocol"] = "ssl", ["linger.ms"] = "1", ["fetch.wait.max.ms"] = "10" }, engine.ConsumerClientSettings);
    }

    [Fact]
    public void ClientSettings_ANewCopyOnEveryRead()
    {
        var engine = new EngineContext(new StreamsConfig { ApplicationId = "app", BootstrapServers = "b:9092" }, Topology(), NullLoggerFactory.Instance, (_, _) => { }, () => { });

        engine.ConsumerClientSettings["enable.partition.eof"] = "true";

        Assert.Empty(engine.ConsumerClientSettings);
    }

    private static Topology Topology()
    {
        var builder = new StreamsBuilder();
        builder.Stream("in", Consumed<byte[], byte[]>.With(Serdes.ByteArray, Serdes.ByteArray));
        return builder.Build();
    }
}
