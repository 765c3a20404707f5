using Confluent.Kafka;

namespace OrderStreams.Kafka.Clients;

/// <summary>
/// Teaching a producer a topic before its first record. librdkafka 2.0 asks for the metadata of a topic it has not
/// produced to at its next periodic scan, up to a second later (870 ms measured on the embedded broker), and holds the
/// topic's records until then: a service's first outputs wait, and a benchmark sees the held records as a burst.
/// </summary>
public static class ProducerTopics
{
    /// <summary>
    /// Fetches <paramref name="topic"/>'s metadata on the producer's own handle, which fills that producer's topic
    /// cache, and returns it (null when the cluster's answer leaves the topic out).
    /// </summary>
    /// <exception cref="KafkaException">The cluster did not answer within <paramref name="timeout"/>.</exception>
    public static TopicMetadata? LearnTopic(this IClient producer, string topic, TimeSpan timeout)
    {
        // Short-lived: Confluent.Kafka 1.9 polls a dependent admin client's queue without waiting for as long as it
        // lives (confluent-kafka-dotnet #1762, fixed in 2.0), a core spinning if one were kept.
        using var admin = new DependentAdminClientBuilder(producer.Handle).Build();
        return admin.GetMetadata(topic, timeout).Topics.FirstOrDefault(t => t.Topic == topic);
    }
}
