using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace OrderStreams.Streams.Internals.Engine;

/// <summary>
/// Commits a stream thread's input offsets. A group that is rebalancing (or has moved on without this member) refuses
/// the commit: the next owner of those partitions then starts from the previous commit and processes the rest again,
/// which at least once allows, so the thread carries on instead of failing. So it does while the group coordinator is
/// unreachable (its broker down, moving): every commit carries all the thread's offsets, so the next one that succeeds
/// covers these, unless it keeps failing for <see cref="TransientKafkaErrors.GiveUpAfter"/>.
/// </summary>
internal sealed class OffsetCommitter(IConsumer<byte[], byte[]> consumer, string thread, ILogger logger)
{
    private long? failingSince;

    public void Commit(IReadOnlyList<TopicPartitionOffset> offsets)
    {
        try
        {
            consumer.Commit(offsets);
            failingSince = null;
        }
        catch (KafkaException e) when (Any(e, IsRebalanceError))
        {
            logger.LogWarning(
                "Thread {Thread} could not commit offsets during a rebalance ({Reason}); their records will be processed again", thread, e.Error.Reason);
        }
        catch (KafkaException e) when (Any(e, TransientKafkaErrors.IsTransient) && !FailingTooLong())
        {
            logger.LogWarning("Thread {Thread} could not commit offsets ({Reason}); the next commit carries them", thread, e.Error.Reason);
        }
    }

    private bool FailingTooLong()
    {
        failingSince ??= Environment.TickCount64;
        return Environment.TickCount64 - failingSince > (long)TransientKafkaErrors.GiveUpAfter.TotalMilliseconds;
    }

    private static bool IsRebalanceError(ErrorCode code) =>
        code is ErrorCode.RebalanceInProgress or ErrorCode.IllegalGeneration or ErrorCode.UnknownMemberId;

    private static bool Any(KafkaException e, Func<ErrorCode, bool> matches) =>
        matches(e.Error.Code) || (e is TopicPartitionOffsetException partial && partial.Results.Any(r => matches(r.Error.Code)));
}
