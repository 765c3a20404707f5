using Microsoft.Extensions.Logging;
using OrderStreams.Hosting.Configuration;
using OrderStreams.Kafka.Clients;
using OrderStreams.Kafka.Topics;
using OrderStreams.Streams;
using OrderStreams.Streams.Errors;

namespace OrderStreams.Hosting.Streams;

/// <summary>The runtime configuration every service runs with, from its options.</summary>
public static class ServiceStreamsConfig
{
    /// <summary>
    /// Records that cannot be deserialized or processed go to <c>&lt;service&gt;.dlq</c> with error headers and
    /// processing continues; a record the producer cannot deliver stops the service (retried after a restart).
    /// </summary>
    public static StreamsConfig Create(string serviceName, KafkaOptions kafka, StreamsOptions streams, ILoggerFactory? loggerFactory = null)
    {
        var settings = kafka.ClientSettings().Where(s => s.Key != "bootstrap.servers").ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        var config = new StreamsConfig
        {
            ApplicationId = string.IsNullOrEmpty(streams.ApplicationId) ? serviceName : streams.ApplicationId,
            BootstrapServers = kafka.BootstrapServers,
            KafkaSettings = settings,
            ProducerSettings = new(kafka.ProducerSettings, StringComparer.Ordinal),
            ConsumerSettings = new(kafka.ConsumerSettings, StringComparer.Ordinal),
            NumStreamThreads = streams.NumStreamThreads,
            CommitInterval = streams.CommitIntervalMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
            ProcessingGuarantee = streams.ProcessingGuarantee,
            GroupProtocol = streams.GroupProtocol,
            StateDir = Path.GetFullPath(streams.StateDir),
            ApplicationServer = string.IsNullOrEmpty(streams.ApplicationServer) ? null : streams.ApplicationServer,
            AssignedPartitions = Partitions(streams.AssignedPartitions),
            ExcludedPartitions = Partitions(streams.ExcludedPartitions),
            ProcessUntil = streams.ProcessUntil,
            CompleteFrom = streams.CompleteFrom,
            DeadLetterQueueTopic = DeadLetterTopic(serviceName),
            DeserializationExceptionHandling = ExceptionHandling.DeadLetter,
            ProcessingExceptionHandling = ExceptionHandling.DeadLetter,
            ProductionExceptionHandling = ExceptionHandling.Fail,
            LoggerFactory = loggerFactory,
        };
        // The embedded broker's admin lives as long as the service: the config is one per process.
        if (kafka.EmbeddedAdminUrl is { } adminUrl)
            config.TopicAdmin = TopicAdmin.Create(new KafkaClientFactory(config.ClientSettings()), new Uri(adminUrl));
        return config;
    }

    public static string DeadLetterTopic(string serviceName) => $"{serviceName}.dlq";

    private static List<int>? Partitions(string? list) =>
        string.IsNullOrWhiteSpace(list) ? null : list.Split(',').Select(p => int.Parse(p.Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
}
