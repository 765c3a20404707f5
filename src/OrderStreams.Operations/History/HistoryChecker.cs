using Confluent.Kafka;
using OrderStreams.Kafka.Topics;
using OrderStreams.Operations.Clients;

namespace OrderStreams.Operations.History;

/// <summary>
/// The check before every rebuild from the log (app reset, app rebuild, replay, a group reset to the earliest offset):
/// does each source partition still start at offset 0, and if not, since when does it hold records and how many are
/// gone. Reads watermarks and the first retained record of each partition (once per log start); changes nothing.
/// </summary>
public sealed class HistoryChecker : IDisposable
{
    private readonly ClusterConnection cluster;
    private readonly FirstRecordReader firstRecords;
    private readonly IReadOnlySet<string> windowed;

    /// <param name="kafkaSettings">librdkafka settings with at least <c>bootstrap.servers</c>.</param>
    /// <param name="windowed">Topics that keep a window by design (manifest role <c>window</c>): shown, never partial.</param>
    public HistoryChecker(IEnumerable<KeyValuePair<string, string>> kafkaSettings, IReadOnlySet<string>? windowed = null)
    {
        this.windowed = windowed ?? new HashSet<string>();
        cluster = new ClusterConnection(kafkaSettings);
        firstRecords = new FirstRecordReader(cluster.Clients);
    }

    /// <summary>The manifest topics that keep a window by design (role <c>window</c>).</summary>
    public static IReadOnlySet<string> Windowed(IEnumerable<TopicSpec> topics) =>
        topics.Where(t => t.Role == TopicRole.Window).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>Checks every partition of <paramref name="topics"/>.</summary>
    /// <exception cref="InvalidDataException">A topic does not exist.</exception>
    public HistoryReport Check(IEnumerable<string> topics) => Check(cluster.PartitionsOf(topics.Distinct(StringComparer.Ordinal)));

    /// <summary>Checks <paramref name="partitions"/>.</summary>
    public HistoryReport Check(IReadOnlyList<TopicPartition> partitions)
    {
        var checkedAt = DateTimeOffset.UtcNow;
        var watermarks = TopicWatermarks.Query(cluster.Clients, partitions, ClusterConnection.RequestTimeout);
        var first = firstRecords.Read(watermarks);
        return new HistoryReport(
            partitions.Select(tp => new PartitionHistory(
                tp.Topic, tp.Partition.Value, watermarks[tp].Low.Value, watermarks[tp].High.Value, first.GetValueOrDefault(tp), windowed.Contains(tp.Topic))).ToList(),
            checkedAt);
    }

    public void Dispose()
    {
        firstRecords.Dispose();
        cluster.Dispose();
    }
}
