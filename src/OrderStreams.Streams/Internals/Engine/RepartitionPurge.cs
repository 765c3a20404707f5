using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using OrderStreams.Kafka.Topics;

namespace OrderStreams.Streams.Internals.Engine;

/// <summary>
/// Deletes the records of the application's repartition topics that its group committed past, as Kafka Streams does
/// (<c>repartition.purge.interval.ms</c>). The application is their only reader, so a record before a committed offset
/// is never read again; left alone it would stay for ever on Apache Kafka (the topics keep records with
/// <c>retention.ms=-1</c>, so that none is lost before it is read), and the embedded broker walks every record it
/// holds on each fetch. One per instance, told of every stream thread's commits; deletes in the background, one
/// request at a time and at most once per <see cref="StreamsConfig.RepartitionPurgeInterval"/>.
/// </summary>
internal sealed class RepartitionPurge(ITopicAdmin admin, bool ownsAdmin, TimeSpan interval, ILogger logger) : IDisposable
{
    private readonly Lock gate = new();
    private readonly Dictionary<TopicPartition, long> committed = [];
    private readonly Dictionary<TopicPartition, long> purged = [];
    private long lastStarted = Environment.TickCount64;
    private Task running = Task.CompletedTask;
    private bool failing;

    /// <summary>Notes offsets a thread committed on repartition topics and starts a purge when one is due.</summary>
    public void Committed(IEnumerable<TopicPartitionOffset> offsets)
    {
        lock (gate)
        {
            foreach (var offset in offsets) committed[offset.TopicPartition] = offset.Offset.Value;
            var now = Environment.TickCount64;
            if (now - lastStarted < (long)interval.TotalMilliseconds || !running.IsCompleted) return;
            var due = committed
                .Where(c => !purged.TryGetValue(c.Key, out var done) || done < c.Value)
                .Select(c => new TopicPartitionOffset(c.Key, c.Value))
                .ToList();
            if (due.Count == 0) return;
            lastStarted = now;
            running = Task.Run(() => PurgeAsync(due));
        }
    }

    public void Dispose()
    {
        Task last;
        lock (gate) last = running;
        last.Wait(TimeSpan.FromSeconds(5));
        if (ownsAdmin) admin.Dispose();
    }

    private async Task PurgeAsync(List<TopicPartitionOffset> due)
    {
        try
        {
            await admin.DeleteRecordsAsync(due);
            lock (gate)
            {
                foreach (var offset in due) purged[offset.TopicPartition] = offset.Offset.Value;
                failing = false;
            }
            logger.LogDebug("Purged {Count} repartition partition(s) up to their committed offsets", due.Count);
        }
        catch (TopicAdminException e)
        {
            // Said once, not every interval: a cluster without DeleteRecords keeps refusing it.
            bool first;
            lock (gate) (first, failing) = (!failing, true);
            logger.Log(first ? LogLevel.Warning : LogLevel.Debug, "Could not purge repartition topics: {Reason}; trying again every {Interval}", e.Message, interval);
        }
    }
}
