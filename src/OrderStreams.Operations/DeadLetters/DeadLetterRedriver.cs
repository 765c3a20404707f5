using Confluent.Kafka;
using OrderStreams.Kafka.Clients;
using OrderStreams.Operations.Clients;

namespace OrderStreams.Operations.DeadLetters;

/// <summary>
/// Puts dead letters back on the topic partition they were read from, once: the produced records and the redrive
/// group's new committed offsets go in one transaction (transactional id per service, so a concurrent redrive of the
/// same service is fenced), and the committed offsets are checked afterwards. A broker that ignores offsets sent to a
/// transaction (librdkafka's mock cluster, the embedded broker) is given them by a plain commit right after.
/// </summary>
/// <remarks>
/// Every consumer of the source topic sees a redriven record, not only the service that dead-lettered it; the
/// services treat a redelivered input as harmless. Redriven records carry <see cref="RedriveMarker.Header"/>, the
/// original timestamp and the original headers without the error headers.
/// </remarks>
public sealed class DeadLetterRedriver(ClusterConnection cluster, DeadLetterQueue queue)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// What redriving would do. Without <paramref name="chosen"/> every dead letter not yet handled is redriven as it
    /// is; with it only those, plus the earlier unhandled ones of the same partitions when <paramref name="skipEarlier"/>
    /// marks them handled (a partition's committed offset cannot skip over them otherwise).
    /// </summary>
    /// <exception cref="InvalidDataException">A chosen dead letter does not exist, lacks the error headers, or has unhandled ones before it.</exception>
    public RedrivePlan Plan(IReadOnlyList<DeadLetter> deadLetters, IReadOnlyCollection<(int Partition, long Offset)>? chosen = null, RedriveCorrection? correction = null, bool skipEarlier = false)
    {
        var handledBefore = queue.RedrivenBefore(queue.Partitions());
        var pending = deadLetters.Where(d => !d.Redriven).ToList();
        if (correction is not null) chosen = [.. chosen ?? [], (correction.Partition, correction.Offset)];
        var selected = new List<DeadLetter>();
        var already = new List<DeadLetter>();
        foreach (var (partition, offset) in chosen?.Distinct() ?? pending.Select(d => (d.Partition, d.Offset)))
        {
            var found = deadLetters.FirstOrDefault(d => d.Partition == partition && d.Offset == offset)
                ?? throw new InvalidDataException($"{queue.Topic} has no dead letter at {partition}:{offset}.");
            (found.Redriven ? already : selected).Add(found);
        }

        var steps = new List<RedriveStep>();
        foreach (var partition in selected.GroupBy(d => d.Partition).OrderBy(g => g.Key))
        {
            var last = partition.Max(d => d.Offset);
            var picked = partition.Select(d => d.Offset).ToHashSet();
            var earlier = pending.Where(d => d.Partition == partition.Key && d.Offset < last && !picked.Contains(d.Offset)).ToList();
            if (earlier.Count > 0 && !skipEarlier)
            {
                throw new InvalidDataException(
                    $"Dead letter(s) {string.Join(", ", earlier.Select(d => $"{d.Partition}:{d.Offset}"))} come before {partition.Key}:{last} and are not redriven yet: "
                    + "redrive them too (name them with --at), or pass --skip-earlier to mark them handled without redriving them.");
            }
            steps.AddRange(pending.Where(d => d.Partition == partition.Key && d.Offset <= last)
                .Select(d => picked.Contains(d.Offset) ? Step(d, correction) : new RedriveStep(d, RedriveAction.Skip, null, null, null)));
        }
        return new RedrivePlan(queue, steps, already, handledBefore);
    }

    /// <summary>Produces the plan's records and commits its offsets; returns how many records it produced.</summary>
    /// <exception cref="InvalidOperationException">Another redrive handled dead letters of these partitions since the plan was made.</exception>
    /// <exception cref="KafkaException">The transaction failed (it is aborted; nothing is committed).</exception>
    public int Execute(RedrivePlan plan)
    {
        if (plan.Steps.Count == 0) return 0;
        using var producer = cluster.Clients.CreateProducer<byte[], byte[]>(config => config.TransactionalId = $"orderstreams-dlq-redrive-{queue.Service}");
        producer.InitTransactions(Timeout);

        // After InitTransactions an earlier redrive of this service has finished or been fenced: its offsets are settled.
        var partitions = plan.Commits.Keys.Select(p => new TopicPartition(queue.Topic, p)).ToList();
        var now = queue.RedrivenBefore(partitions);
        var moved = plan.Commits.Keys.Where(p => now.GetValueOrDefault(p, -1) != plan.HandledBefore.GetValueOrDefault(p, -1)).ToList();
        if (moved.Count > 0)
            throw new InvalidOperationException($"Another redrive of {queue.Service} handled dead letters on partition(s) {string.Join(", ", moved)} since this plan was made; run the redrive again to plan from where it got.");

        var commits = plan.Commits.Select(c => new TopicPartitionOffset(queue.Topic, c.Key, c.Value)).ToList();
        using var member = cluster.Consumer(queue.RedriveGroup);
        producer.BeginTransaction();
        try
        {
            foreach (var step in plan.Steps.Where(s => s.Action != RedriveAction.Skip))
            {
                producer.Produce(step.Target!, new Message<byte[], byte[]>
                {
                    Key = step.Key!,
                    Value = step.Value!,
                    Headers = Headers(step.DeadLetter),
                    Timestamp = new Timestamp(step.DeadLetter.Timestamp),
                });
            }
            producer.SendOffsetsToTransaction(commits, member.ConsumerGroupMetadata, Timeout);
            producer.CommitTransaction(Timeout);
        }
        catch (KafkaException)
        {
            producer.AbortTransaction(Timeout);
            throw;
        }

        var after = queue.RedrivenBefore(partitions);
        if (commits.Any(c => after.GetValueOrDefault(c.Partition.Value, -1) != c.Offset.Value)) member.Commit(commits);
        return plan.ToProduce;
    }

    private static RedriveStep Step(DeadLetter deadLetter, RedriveCorrection? correction)
    {
        var source = deadLetter.Reason
            ?? throw new InvalidDataException($"The dead letter at {deadLetter.Partition}:{deadLetter.Offset} has no {DeadLetterHeaders.Topic} header, so where it came from is unknown; it cannot be redriven.");
        return correction is not null && correction.Partition == deadLetter.Partition && correction.Offset == deadLetter.Offset
            ? new RedriveStep(deadLetter, RedriveAction.Corrected, new TopicPartition(source.SourceTopic, correction.TargetPartition ?? source.SourcePartition), correction.Key ?? deadLetter.Key, correction.Value)
            : new RedriveStep(deadLetter, RedriveAction.Original, new TopicPartition(source.SourceTopic, source.SourcePartition), deadLetter.Key, deadLetter.Value);
    }

    private static Headers Headers(DeadLetter deadLetter)
    {
        var headers = new Headers();
        foreach (var header in deadLetter.Headers.Where(h => h.Key != RedriveMarker.Header)) headers.Add(header.Key, header.GetValueBytes());
        headers.Add(RedriveMarker.Header, RedriveMarker.Value(new TopicPartitionOffset(deadLetter.Topic, deadLetter.Partition, deadLetter.Offset)));
        return headers;
    }
}
