using System.Text.Json;

namespace OrderStreams.Streams.Internals.Engine;

/// <summary>
/// Whether the broker a consumer fetches a partition from still answers, read from librdkafka's statistics: each
/// partition's fetch broker and each broker's time since it last sent anything (<c>rxidle</c>). A fetching consumer
/// hears from its brokers at least every <c>fetch.wait.max.ms</c>, so a broker silent for longer than
/// <see cref="MaxSilenceMs"/> is down, unreachable or hanging (errors alone do not tell: a connection that hangs reports
/// none until <c>socket.timeout.ms</c>). Until it answers again, the end offset last fetched from it may be stale.
/// </summary>
internal sealed class FetchLiveness(int fetchWaitMaxMs, int statisticsIntervalMs)
{
    /// <summary>How often the consumer reports statistics (<c>statistics.interval.ms</c>) unless configured.</summary>
    public const int DefaultStatisticsIntervalMs = 500;

    /// <summary>librdkafka's default <c>fetch.wait.max.ms</c>.</summary>
    public const int DefaultFetchWaitMaxMs = 500;

    private readonly Dictionary<(string Topic, int Partition), int> fetchedFrom = [];
    private readonly Dictionary<int, long> answeredAt = [];

    /// <summary>Silence allowed: a fetch's wait, a statistics interval, and a second of slack for a loaded machine.</summary>
    public long MaxSilenceMs { get; } = fetchWaitMaxMs + statisticsIntervalMs + 1000;

    /// <summary>Reads one statistics report, received at wall-clock <paramref name="now"/> (ms).</summary>
    public void Update(string statistics, long now)
    {
        using var document = JsonDocument.Parse(statistics);
        var root = document.RootElement;
        // Emitted at most a second before its whole-second "time": bounds a report that waited for the next poll.
        var emittedBy = root.TryGetProperty("time", out var time) ? Math.Min(now, (time.GetInt64() + 1) * 1000) : now;
        if (root.TryGetProperty("brokers", out var brokers))
        {
            foreach (var broker in brokers.EnumerateObject())
            {
                var b = broker.Value;
                if (!b.TryGetProperty("nodeid", out var id) || id.GetInt32() < 0 || IsLogical(b)) continue;
                var idle = b.TryGetProperty("rxidle", out var rxIdle) ? rxIdle.GetInt64() : -1;
                if (idle >= 0) answeredAt[id.GetInt32()] = emittedBy - idle / 1000;
                else answeredAt.Remove(id.GetInt32());
            }
        }
        if (!root.TryGetProperty("topics", out var topics)) return;
        foreach (var topic in topics.EnumerateObject())
        {
            if (!topic.Value.TryGetProperty("partitions", out var partitions)) continue;
            foreach (var partition in partitions.EnumerateObject())
            {
                var p = partition.Value;
                if (!p.TryGetProperty("partition", out var number) || number.GetInt32() < 0) continue;
                fetchedFrom[(topic.Name, number.GetInt32())] = p.TryGetProperty("broker", out var from) ? from.GetInt32() : -1;
            }
        }
    }

    /// <summary>
    /// Whether the partition's fetch broker is known and answered within <see cref="MaxSilenceMs"/>
    /// before <paramref name="now"/>.
    /// </summary>
    public bool Answering(string topic, int partition, long now) =>
        fetchedFrom.TryGetValue((topic, partition), out var broker) && broker >= 0
        && answeredAt.TryGetValue(broker, out var at) && now - at <= MaxSilenceMs;

    // The group coordinator's and the internal entries share a real broker's node id or have none of their own.
    private static bool IsLogical(JsonElement broker) =>
        broker.TryGetProperty("source", out var source) && source.GetString() is "logical" or "internal";
}
