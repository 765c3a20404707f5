using Confluent.Kafka;
using OrderStreams.Kafka.Clients;

namespace OrderStreams.Operations.Clients;

/// <summary>
/// What every operation opens on one cluster: the settings, an admin client for metadata, and consumers in a given
/// group that never commit on their own and start at the log start.
/// </summary>
public sealed class ClusterConnection : IDisposable
{
    /// <summary>How long one broker request may take.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    /// <param name="kafkaSettings">librdkafka settings with at least <c>bootstrap.servers</c>.</param>
    public ClusterConnection(IEnumerable<KeyValuePair<string, string>> kafkaSettings)
    {
        Clients = new KafkaClientFactory(new KafkaClientSettings(kafkaSettings.ToDictionary(StringComparer.Ordinal)));
        Admin = Clients.CreateAdmin();
    }

    /// <summary>Makes every client of the operation.</summary>
    public KafkaClientFactory Clients { get; }

    public IAdminClient Admin { get; }

    /// <summary>A consumer in <paramref name="group"/> (commits only when asked, starts at the log start without a committed offset).</summary>
    public IConsumer<TKey, TValue> Consumer<TKey, TValue>(string group, Action<ConsumerConfig>? configure = null)
    {
        return Clients.CreateConsumer<TKey, TValue>(group, config =>
        {
            config.EnableAutoCommit = false;
            config.EnablePartitionEof = false;
            config.AutoOffsetReset = AutoOffsetReset.Earliest;
            configure?.Invoke(config);
        });
    }

    /// <summary>A consumer that only reads offsets and watermarks for <paramref name="group"/>.</summary>
    public IConsumer<Ignore, Ignore> Consumer(string group) => Consumer<Ignore, Ignore>(group);

    /// <summary>Every partition of <paramref name="topics"/> (null: of every topic but the broker's own <c>__</c> ones), by topic and number.</summary>
    /// <exception cref="InvalidDataException">A topic does not exist (unless <paramref name="skipMissing"/>).</exception>
    public IReadOnlyList<TopicPartition> PartitionsOf(IEnumerable<string>? topics, bool skipMissing = false)
    {
        var wanted = topics?.ToHashSet(StringComparer.Ordinal);
        // Metadata for all topics: asking for a missing topic by name would auto-create it on brokers that allow that.
        var found = Admin.GetMetadata(RequestTimeout).Topics
            .Where(t => (wanted?.Contains(t.Topic) ?? !t.Topic.StartsWith("__", StringComparison.Ordinal)) && t.Partitions.Count > 0)
            .ToList();
        var missing = (wanted ?? []).Except(found.Select(t => t.Topic)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0 && !skipMissing) throw new InvalidDataException($"No such topic: {string.Join(", ", missing)}.");
        return found.SelectMany(t => t.Partitions.Select(p => new TopicPartition(t.Topic, p.PartitionId)))
            .OrderBy(tp => tp.Topic, StringComparer.Ordinal).ThenBy(tp => tp.Partition.Value).ToList();
    }

    /// <summary><paramref name="group"/>'s committed offsets on <paramref name="partitions"/>; partitions without one are left out.</summary>
    public IReadOnlyDictionary<TopicPartition, long> Committed(string group, IEnumerable<TopicPartition> partitions)
    {
        using var member = Consumer(group);
        return member.Committed(partitions, RequestTimeout)
            .Where(c => !c.Offset.IsSpecial)
            .ToDictionary(c => c.TopicPartition, c => c.Offset.Value);
    }

    public void Dispose() => Admin.Dispose();
}
