using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Confluent.Kafka;
using OrderStreams.Kafka.Topics;

namespace OrderStreams.Operations.Clients;

/// <summary>
/// Reads partitions from a start offset to the high watermark captured when the scan starts, with several consumers
/// in parallel, and keeps the records a predicate selects. Records produced after the start are not waited for, so
/// a scan of a busy topic ends.
/// </summary>
public sealed class PartitionScanner(ClusterConnection cluster, int parallelism = 4)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(60);

    /// <summary>The low and high watermarks of <paramref name="partitions"/>, as a scan from the log start would read them.</summary>
    public IReadOnlyDictionary<TopicPartition, (long From, long To)> WholePartitions(IEnumerable<TopicPartition> partitions) =>
        TopicWatermarks.Query(cluster.Clients, partitions, ClusterConnection.RequestTimeout)
            .ToDictionary(w => w.Key, w => (w.Value.Low.Value, w.Value.High.Value));

    /// <summary>Reads every range (from inclusive, to exclusive) and returns the kept records, in no particular order.</summary>
    /// <exception cref="TimeoutException">A partition delivered nothing for a minute before its end.</exception>
    public IReadOnlyList<ConsumeResult<byte[], byte[]>> Scan(
        IReadOnlyDictionary<TopicPartition, (long From, long To)> ranges,
        Func<ConsumeResult<byte[], byte[]>, bool> keep,
        IProgress<ScanProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var work = ranges.Where(r => r.Value.To > r.Value.From).ToList();
        var total = work.Sum(r => r.Value.To - r.Value.From);
        var kept = new ConcurrentBag<ConsumeResult<byte[], byte[]>>();
        var positions = new ConcurrentDictionary<TopicPartition, long>(work.ToDictionary(r => r.Key, r => r.Value.From));
        var workers = Math.Clamp(parallelism, 1, Math.Max(1, work.Count));
        var slices = work.Select((range, i) => (range, i)).GroupBy(x => x.i % workers, x => x.range).Select(g => g.ToList()).ToList();

        ScanProgress Progress() => new(work.Sum(r => positions[r.Key] - r.Value.From), total, kept.Count);
        // One failing reader stops the others.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = slices.Select(slice => Task.Factory.StartNew(
            () =>
            {
                try
                {
                    Read(slice, keep, kept, positions, stop.Token);
                }
                catch
                {
                    stop.Cancel();
                    throw;
                }
            }, stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        try
        {
            while (!Task.WaitAll(reading, TimeSpan.FromMilliseconds(250))) progress?.Report(Progress());
        }
        catch (AggregateException e)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ExceptionDispatchInfo.Throw(e.Flatten().InnerExceptions.FirstOrDefault(x => x is not OperationCanceledException) ?? e.InnerExceptions[0]);
        }
        progress?.Report(Progress());
        return kept.ToList();
    }

    private void Read(
        List<KeyValuePair<TopicPartition, (long From, long To)>> slice,
        Func<ConsumeResult<byte[], byte[]>, bool> keep,
        ConcurrentBag<ConsumeResult<byte[], byte[]>> kept,
        ConcurrentDictionary<TopicPartition, long> positions,
        CancellationToken cancellationToken)
    {
        using var consumer = cluster.Consumer<byte[], byte[]>($"orderstreams-scan-{Guid.NewGuid():N}", config =>
        {
            // The end of a partition arrives as an event, so a last offset taken by a transaction marker still ends it.
            config.EnablePartitionEof = true;
            config.FetchWaitMaxMs ??= 20;
        });
        var ends = slice.ToDictionary(r => r.Key, r => r.Value.To);
        consumer.Assign(slice.Select(r => new TopicPartitionOffset(r.Key, r.Value.From)));
        var lastRecord = DateTime.UtcNow;
        while (ends.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var record = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (record is null)
            {
                if (DateTime.UtcNow - lastRecord > Quiet)
                    throw new TimeoutException($"No records for {Quiet.TotalSeconds:F0} s from {string.Join(", ", ends.Keys)} before their captured end.");
                continue;
            }
            lastRecord = DateTime.UtcNow;
            if (!ends.TryGetValue(record.TopicPartition, out var end)) continue;
            var next = record.IsPartitionEOF ? record.Offset.Value : record.Offset.Value + 1;
            if (!record.IsPartitionEOF && record.Offset.Value < end && keep(record)) kept.Add(record);
            positions[record.TopicPartition] = Math.Min(next, end);
            if (next >= end)
            {
                ends.Remove(record.TopicPartition);
                consumer.Pause([record.TopicPartition]);
            }
        }
    }
}
