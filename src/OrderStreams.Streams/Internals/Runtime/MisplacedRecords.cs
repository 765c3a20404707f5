using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using OrderStreams.Streams.Processor;

namespace OrderStreams.Streams.Internals.Runtime;

/// <summary>
/// The source-side check of <see cref="StreamsConfig.KeyOwnership"/>. A record on a partition that does not own its
/// key (a producer partitioned it differently) is forwarded to the owning partition of the same topic, marked with the
/// application that forwarded it, and skipped where it was read. Every application reading the topic forwards its own
/// copy and processes only that one, so each application processes the record once, on the owner's task; copies of
/// other applications are skipped. A copy that lands on a wrong partition again (the tables disagree), or a key no
/// partition can own, is dead-lettered with the reason. See docs/scale-by-data.md for ordering.
/// </summary>
internal sealed class MisplacedRecords(
    IKeyOwnership ownership, string applicationId, IRecordCollector collector, ILogger logger, StreamsMetrics? metrics = null)
{
    public const string ForwardedByHeader = "__streams.misplaced.forwarded.by";
    public const string ForwardedFromHeader = "__streams.misplaced.from";

    private readonly byte[] applicationIdBytes = Encoding.UTF8.GetBytes(applicationId);
    private readonly HashSet<(string Topic, int Partition)> reported = [];

    /// <summary>True when the record was forwarded, dead-lettered or is another application's copy: the task must not process it.</summary>
    public bool Handled(ConsumeResult<byte[], byte[]> raw, TaskId task)
    {
        var message = raw.Message;
        byte[]? forwardedBy = null;
        if (message.Headers is { } headers && headers.TryGetLastBytes(ForwardedByHeader, out var by)) forwardedBy = by;
        if (forwardedBy is not null && !forwardedBy.AsSpan().SequenceEqual(applicationIdBytes))
        {
            metrics?.Misplaced(raw.Topic, "other-application-copy");
            return true;
        }
        if (message.Key is null) return false;
        int? owner;
        try
        {
            owner = ownership.OwnerOf(raw.Topic, message.Key, collector.PartitionCount(raw.Topic));
        }
        catch (ArgumentException e)
        {
            return DeadLetter(raw, task, $"No partition of '{raw.Topic}' can own the record's key: {e.Message}");
        }
        if (owner is not { } target || target == raw.Partition.Value) return false;
        if (forwardedBy is not null)
        {
            return DeadLetter(raw, task,
                $"The record was already forwarded to partition {raw.Partition.Value} as the owner of its key, but the key's owner is partition {target} now: the routing tables disagree.");
        }
        collector.Send(raw.Topic, target, message.Key, message.Value, Marked(raw), message.Timestamp.UnixTimestampMs);
        metrics?.Misplaced(raw.Topic, "forwarded");
        var level = reported.Add((raw.Topic, raw.Partition.Value)) ? LogLevel.Warning : LogLevel.Debug;
        logger.Log(level, "Forwarded the record at {Topic}-{Partition}@{Offset} to partition {Owner}, which owns its key (its producer partitions differently)",
            raw.Topic, raw.Partition.Value, raw.Offset.Value, target);
        return true;
    }

    private bool DeadLetter(ConsumeResult<byte[], byte[]> raw, TaskId task, string reason)
    {
        metrics?.Misplaced(raw.Topic, "dead-lettered");
        collector.Errors.OnProcessingError(raw, new MisplacedRecordException(reason), task);
        return true;
    }

    private Headers Marked(ConsumeResult<byte[], byte[]> raw)
    {
        var headers = new Headers();
        if (raw.Message.Headers is { } original)
        {
            foreach (var header in original) headers.Add(header.Key, header.GetValueBytes());
        }
        headers.Add(ForwardedByHeader, applicationIdBytes);
        headers.Add(ForwardedFromHeader, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{raw.Partition.Value}@{raw.Offset.Value}")));
        return headers;
    }
}
