namespace OrderStreams.Kafka.Topics;

/// <summary>A topic could not be created or described.</summary>
public sealed class TopicAdminException(string topic, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Topic { get; } = topic;
}
