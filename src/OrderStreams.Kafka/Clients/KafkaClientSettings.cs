namespace OrderStreams.Kafka.Clients;

/// <summary>
/// The librdkafka settings a program's clients are built from: <paramref name="Common"/> for every client
/// (<c>bootstrap.servers</c>, security, <c>client.id</c>, ...), then <paramref name="Producer"/> or
/// <paramref name="Consumer"/> over them for producers or consumers only (Kafka Streams' <c>producer.</c> and
/// <c>consumer.</c> prefixes). Only librdkafka settings belong here; the embedded broker's control endpoint does not.
/// </summary>
public sealed record KafkaClientSettings(
    IReadOnlyDictionary<string, string> Common,
    IReadOnlyDictionary<string, string>? Producer = null,
    IReadOnlyDictionary<string, string>? Consumer = null)
{
    /// <summary>Settings naming only the cluster.</summary>
    public static KafkaClientSettings For(string bootstrapServers) => new(new Dictionary<string, string> { ["bootstrap.servers"] = bootstrapServers });

    /// <summary>The cluster the clients connect to.</summary>
    public string BootstrapServers => Common.GetValueOrDefault("bootstrap.servers") ?? "";

    /// <summary>Fresh copies for a producer: Confluent.Kafka's config classes write into the dictionary they are built from.</summary>
    public Dictionary<string, string> ForProducer() => Over(Producer);

    /// <summary>As <see cref="ForProducer"/>, for a consumer.</summary>
    public Dictionary<string, string> ForConsumer() => Over(Consumer);

    /// <summary>As <see cref="ForProducer"/>, for an admin client: the common settings alone.</summary>
    public Dictionary<string, string> ForAdmin() => Over(null);

    private Dictionary<string, string> Over(IReadOnlyDictionary<string, string>? specific)
    {
        var settings = new Dictionary<string, string>(Common, StringComparer.Ordinal);
        foreach (var (key, value) in specific ?? new Dictionary<string, string>()) settings[key] = value;
        return settings;
    }
}
