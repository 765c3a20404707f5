namespace OrderStreams.Testing.Brokers;

/// <summary>The broker a test run uses.</summary>
public enum TestBrokerKind
{
    /// <summary>librdkafka's mock cluster in this process (OrderStreams.Kafka.Embedded).</summary>
    Embedded,

    /// <summary>Apache Kafka in a Docker container (Testcontainers), the image docker-compose.yml runs.</summary>
    ApacheKafka,
}
