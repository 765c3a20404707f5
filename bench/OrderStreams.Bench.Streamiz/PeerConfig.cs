using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Streamiz.Kafka.Net;

namespace OrderStreams.Bench.Streamiz;

/// <summary>
/// Streamiz's configuration from the CLI's: the same commit interval, cache size and librdkafka settings as our
/// runtime gets.
/// </summary>
internal static class PeerConfig
{
    public static StreamConfig Create(PeerArguments arguments)
    {
        var config = new StreamConfig
        {
            ApplicationId = arguments.ApplicationId,
            BootstrapServers = arguments.BootstrapServers,
            StateDir = arguments.StateDirectory,
            CommitIntervalMs = arguments.CommitIntervalMs,
            DefaultStateStoreCacheMaxBytes = arguments.CacheMaxBytes,
            // Our runtime's main consumer starts at the log start when the group has no offset, as Kafka Streams does.
            AutoOffsetReset = AutoOffsetReset.Earliest,
            Logger = LoggerFactory.Create(logging => logging
                .SetMinimumLevel(LogLevel.Warning)
                .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace)),
        };
        foreach (var (key, value) in arguments.Producer) config.AddConfig("producer." + key, value);
        foreach (var (key, value) in arguments.Consumer)
        {
            // Every consumer of our runtime gets the shared consumer settings; Streamiz takes them per consumer.
            config.AddConfig("main.consumer." + key, value);
            config.AddConfig("restore.consumer." + key, value);
            config.AddConfig("global.consumer." + key, value);
        }
        return config;
    }
}
