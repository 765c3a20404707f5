using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using OrderStreams.Streams.Internals.Runtime;

namespace OrderStreams.Streams.Internals.Engine;

/// <summary>
/// Replay up to <see cref="StreamsConfig.ProcessUntil"/>: a partition that reached the bound takes nothing more from
/// the broker, and the thread counts the partitions not yet done (<see cref="PartitionsBeforeBound"/>).
/// </summary>
internal sealed class ProcessUntilPolicy(EngineContext engine, int index, string thread, ILogger logger, TaskManager tasks, IConsumer<byte[], byte[]> consumer)
    : IThreadPolicy
{
    private readonly ReplayBound bound = ReplayBound.Of(engine.Config)!;
    private bool sourcesDoneAndCommitted;

    /// <summary>Source partitions of this thread's tasks not yet done, -1 while partitions are assigned or restored. See <see cref="Tick"/>.</summary>
    public int PartitionsBeforeBound { get; private set; } = -1;

    /// <summary>A record after the bound stops its partition there, which takes nothing more from the broker.</summary>
    public bool Admits(InputPartition input, ConsumeResult<byte[], byte[]> record)
    {
        if (!bound.Beyond(record)) return true;
        input.Task.StopInput(input.Queue, record.Offset.Value);
        consumer.Pause([input.TopicPartition]);
        logger.LogInformation("Thread {Thread} reached {Bound:O} on {Partition}: paused", thread, engine.Config.ProcessUntil, input.TopicPartition);
        return false;
    }

    /// <summary>Wall-clock punctuations see the clock stop at the bound.</summary>
    public long PunctuationTime(long now) => bound.WallClock(now);

    /// <summary>
    /// Counts the source partitions not done with the bound. A partition of a user topic is done at its first record
    /// after the bound, or once processed up to the end offset it had when first checked (nothing after the bound
    /// yet). Repartition topics only fill from the others: their partitions count as done once every thread's user
    /// partitions are done and committed (so their records were delivered) and they are processed up to their end
    /// offset. Other instances of the application report their own partitions.
    /// </summary>
    public void Tick()
    {
        if (tasks.AwaitingAssignment || tasks.Restoring)
        {
            PartitionsBeforeBound = -1;
            sourcesDoneAndCommitted = false;
            engine.SourcesAtBound[index] = false;
            return;
        }
        var inputs = tasks.Partitions;
        var external = inputs.Count(p => !engine.IsInternalTopic(p.Queue.Topic) && !AtBoundOrEnd(p));
        // Committed once is enough: a wall-clock punctuation later marks a commit as needed without touching the inputs.
        sourcesDoneAndCommitted = external == 0 && (sourcesDoneAndCommitted || tasks.Tasks.All(t => !t.CommitNeeded));
        engine.SourcesAtBound[index] = sourcesDoneAndCommitted;
        var internalInputs = inputs.Where(p => engine.IsInternalTopic(p.Queue.Topic)).ToList();
        var allThreadsDone = engine.SourcesAtBound.Count == engine.Config.NumStreamThreads && engine.SourcesAtBound.Values.All(done => done);
        var internalLeft = allThreadsDone ? internalInputs.Count(p => !CaughtUp(p)) : internalInputs.Count;
        PartitionsBeforeBound = external + internalLeft;
    }

    private bool AtBoundOrEnd(InputPartition input)
    {
        if (input.Queue.Stopped) return input.Queue.Count == 0;
        if (input.EndAtStart is not { } end)
        {
            var watermarks = consumer.QueryWatermarkOffsets(input.TopicPartition, TimeSpan.FromSeconds(10));
            end = watermarks.High.Value <= watermarks.Low.Value ? 0 : watermarks.High.Value;
            input.EndAtStart = end;
        }
        return end == 0 || (input.Queue.Count == 0 && ProcessedUpTo(input) >= end);
    }

    private bool CaughtUp(InputPartition input)
    {
        if (input.Queue.Count > 0) return false;
        var position = ProcessedUpTo(input);
        // The fetched high watermark says "not yet" without a request; only a "done" is asked of the broker.
        if (position >= 0 && consumer.GetWatermarkOffsets(input.TopicPartition).High is { IsSpecial: false } fetched && position < fetched.Value)
            return false;
        var watermarks = consumer.QueryWatermarkOffsets(input.TopicPartition, TimeSpan.FromSeconds(10));
        return watermarks.High.Value <= watermarks.Low.Value || position >= watermarks.High.Value;
    }

    // One past the last processed record, else where the consumer fetches from (its committed offset), else -1.
    private long ProcessedUpTo(InputPartition input) =>
        input.Queue.NextOffset >= 0 ? input.Queue.NextOffset
        : consumer.Position(input.TopicPartition) is { IsSpecial: false } at ? at.Value : -1;
}
