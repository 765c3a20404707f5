using Confluent.Kafka;
using OrderStreams.Operations.Clients;

namespace OrderStreams.Operations.DeadLetters;

/// <summary>
/// A service's dead-letter topic, <c>&lt;service&gt;.dlq</c>, and what has been redriven from it: the committed offsets
/// of the consumer group <c>&lt;service&gt;.dlq-redrive</c> (every dead letter before a partition's committed offset is
/// handled), so <c>groups lag --group &lt;service&gt;.dlq-redrive</c> counts the dead letters still waiting.
/// </summary>
public sealed class DeadLetterQueue(ClusterConnection cluster, string service)
{
    public string Service { get; } = service;

    public string Topic => $"{Service}.dlq";

    public string RedriveGroup => $"{Service}.dlq-redrive";

    /// <summary>Every dead letter up to the high watermarks at the start, by partition and offset.</summary>
    /// <exception cref="InvalidDataException">The topic does not exist.</exception>
    public IReadOnlyList<DeadLetter> ReadAll(IProgress<ScanProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var partitions = Partitions();
        var redriven = RedrivenBefore(partitions);
        var scanner = new PartitionScanner(cluster);
        return scanner.Scan(scanner.WholePartitions(partitions), _ => true, progress, cancellationToken)
            .Select(r => DeadLetter.From(r, redriven.TryGetValue(r.Partition.Value, out var before) ? before : null))
            .OrderBy(d => d.Partition).ThenBy(d => d.Offset)
            .ToList();
    }

    /// <summary>The dead letter at one offset.</summary>
    /// <exception cref="InvalidDataException">There is no such partition or no record at the offset.</exception>
    public DeadLetter Read(int partition, long offset)
    {
        var partitions = Partitions();
        if (partitions.All(p => p.Partition.Value != partition))
            throw new InvalidDataException($"{Topic} has no partition {partition} (it has 0..{partitions.Count - 1}).");
        var at = new TopicPartition(Topic, partition);
        using var consumer = cluster.Consumer<byte[], byte[]>($"orderstreams-dlq-read-{Guid.NewGuid():N}", c => c.EnablePartitionEof = true);
        consumer.Assign(new TopicPartitionOffset(at, offset));
        var deadline = DateTime.UtcNow + ClusterConnection.RequestTimeout;
        while (DateTime.UtcNow < deadline)
        {
            var record = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (record is null) continue;
            if (record.IsPartitionEOF || record.Offset.Value > offset) break;
            if (record.Offset.Value == offset)
                return DeadLetter.From(record, RedrivenBefore([at]).TryGetValue(partition, out var before) ? before : null);
        }
        throw new InvalidDataException($"{Topic} has no record at {partition}:{offset}.");
    }

    /// <summary>Per partition, the offset before which every dead letter has been handled.</summary>
    public IReadOnlyDictionary<int, long> RedrivenBefore(IEnumerable<TopicPartition> partitions) =>
        cluster.Committed(RedriveGroup, partitions).ToDictionary(c => c.Key.Partition.Value, c => c.Value);

    /// <exception cref="InvalidDataException">The topic does not exist.</exception>
    public IReadOnlyList<TopicPartition> Partitions()
    {
        try
        {
            return cluster.PartitionsOf([Topic]);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"No dead-letter topic {Topic}: is '{Service}' a service name? ({e.Message})", e);
        }
    }
}
