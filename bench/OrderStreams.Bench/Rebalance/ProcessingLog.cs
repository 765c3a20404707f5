using System.Globalization;
using System.Text;
using Confluent.Kafka;

namespace OrderStreams.Bench.Rebalance;

/// <summary>
/// Reads the bench topology's output in the background: each record's value is <c>topic-index:partition:ticks</c>, the
/// source partition and the wall-clock time (UTC ticks) at which the topology processed it, optionally followed by
/// <c>:instance</c>, the instance that did.
/// </summary>
public sealed class ProcessingLog : IDisposable
{
    private readonly Dictionary<int, List<DateTime>> processedAt = [];
    private readonly Dictionary<int, DateTime> firstByInstance = [];
    private readonly Lock gate = new();
    private readonly CancellationTokenSource stop = new();
    private readonly Thread reader;

    /// <param name="consumer">Read on the log's own thread and disposed there.</param>
    public ProcessingLog(IConsumer<Ignore, string> consumer, string topic, int partitions)
    {
        reader = new Thread(() => Read(consumer, topic, partitions)) { IsBackground = true, Name = "rebalance-bench-output" };
        reader.Start();
    }

    /// <summary>The value the topology writes for a record of source <paramref name="sourcePartition"/>, processed now.</summary>
    public static string Stamp(string sourcePartition) => $"{sourcePartition}:{DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>As <see cref="Stamp(string)"/>, naming the instance that processed the record.</summary>
    public static string Stamp(string sourcePartition, int instance) =>
        $"{Stamp(sourcePartition)}:{instance.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>When <paramref name="instance"/> first processed a record, if it has.</summary>
    public DateTime? FirstProcessedBy(int instance)
    {
        lock (gate) return firstByInstance.TryGetValue(instance, out var at) ? at : null;
    }

    /// <summary>The value the feed writes: the source topic's index and partition, which identify a source partition.</summary>
    public static byte[] SourceOf(int topicIndex, int partition) => Encoding.UTF8.GetBytes($"{topicIndex * 1000 + partition}");

    /// <summary>A copy of the processing times per source partition so far.</summary>
    public Dictionary<int, List<DateTime>> Snapshot()
    {
        lock (gate) return processedAt.ToDictionary(p => p.Key, p => p.Value.Order().ToList());
    }

    /// <summary>True when every source partition has been processed after <paramref name="since"/>.</summary>
    public bool AllProcessedSince(DateTime since, int sourcePartitions)
    {
        lock (gate) return processedAt.Count == sourcePartitions && processedAt.Values.All(times => times.Count > 0 && times.Max() > since);
    }

    public void Dispose()
    {
        stop.Cancel();
        reader.Join();
        stop.Dispose();
    }

    private void Read(IConsumer<Ignore, string> consumer, string topic, int partitions)
    {
        using var owned = consumer;
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        while (!stop.IsCancellationRequested)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is not { } record) continue;
            var parts = record.Message.Value.Split(':');
            var source = int.Parse(parts[0], CultureInfo.InvariantCulture);
            var at = new DateTime(long.Parse(parts[1], CultureInfo.InvariantCulture), DateTimeKind.Utc);
            lock (gate)
            {
                if (!processedAt.TryGetValue(source, out var times)) processedAt[source] = times = [];
                times.Add(at);
                if (parts.Length > 2) firstByInstance.TryAdd(int.Parse(parts[2], CultureInfo.InvariantCulture), at);
            }
        }
        consumer.Close();
    }
}
