using Microsoft.Extensions.Logging.Abstractions;
using OrderStreams.Streams.Internals.Engine;
using OrderStreams.Streams.Serialization;

namespace OrderStreams.Streams.Tests.Engine;

public sealed class EngineContextTests
{
    [Fact]
    public void ClientSettings_ClusterAndSharedThenOwnKind()
    {
        var config = new StreamsConfig
        {
            ApplicationId = "app",
            BootstrapServers = "b:9092",
            KafkaSettings = new() { ["security.protocol"] = "ssl", ["linger.ms"] = "1" },
            ProducerSettings = new() { ["linger.ms"] = "20" },
            ConsumerSettings = new() { ["fetch.wait.max.ms"] = "10" },
        };

        var engine = new EngineContext(config, Topology(), NullLoggerFactory.Instance, (_, _) => { }, () => { });

        Assert.Equal(
            new Dictionary<string, string> { ["security.protocol"] = "ssl", ["linger.ms"] = "20", ["bootstrap.servers"] = "b:9092" },
            engine.Clients.Settings.ForProducer());
        Assert.Equal(
            new Dictionary<string, string> { ["security.protocol"] = "ssl", ["linger.ms"] = "1", ["fetch.wait.max.ms"] = "10", ["bootstrap.servers"] = "b:9092" },
            engine.Clients.Settings.ForConsumer());
    }

    private static Topology Topology()
    {
        var builder = new StreamsBuilder();
        builder.Stream("in", Consumed<byte[], byte[]>.With(Serdes.ByteArray, Serdes.ByteArray));
        return builder.Build();
    }
}
