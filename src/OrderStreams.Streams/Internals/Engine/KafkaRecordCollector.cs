using System.Collections.Concurrent;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using OrderStreams.Kafka.Clients;
using OrderStreams.Streams.Internals.Runtime;

namespace OrderStreams.Streams.Internals.Engine;

/// <summary>
/// Sends a thread's output, changelog and dead-letter records through one idempotent (or transactional) producer,
/// asynchronously; remembers the last delivered offset of every partition sent to explicitly (changelogs) for
/// checkpoints, and the first fatal delivery error for the stream thread to throw.
/// </summary>
/// <remarks>
/// At least once, an output never reaches Kafka before the store changes written before it: outputs sent while
/// changelog records are unacknowledged are held, a round's worth in one batch that remembers how many records each
/// changelog partition had been sent, and <see cref="ReleaseOutputs"/> sends a batch, in order, once those are
/// acknowledged — without waiting for them, so the stream thread goes on processing meanwhile. A crash
/// can then lose a step's output but not its state change alone, so a step that stored its decision finds it when its
/// input is processed again (and re-emits it) instead of deciding anew after its output already went out. Under
/// exactly once the transaction ties both together instead.
/// </remarks>
internal sealed class KafkaRecordCollector : IRecordCollector, IDisposable
{
    private readonly IProducer<byte[], byte[]> producer;
    private readonly ConcurrentDictionary<string, int> partitionCounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Topic, int Partition), DeliveredOffset> delivered = new();
    private readonly HashSet<string> learnedTopics = new(StringComparer.Ordinal);
    private readonly Action<DeliveryReport<byte[], byte[]>> onDelivery;
    private readonly bool transactional;
    private readonly Lock heldGate = new();
    private readonly Queue<HeldBatch> sealedBatches = new();
    private readonly HashSet<DeliveredOffset> changelogs = [];
    private List<HeldRecord> held = [];
    private Exception? failure;
    private bool inTransaction;
    private long changelogsInFlight;

    /// <param name="clients">Makes the producer.</param>
    /// <param name="configure">Sets the producer's client id and, when transactional, its transactional id.</param>
    /// <param name="config">How bad records are handled (<see cref="Errors"/>).</param>
    /// <param name="logger">Logs bad records.</param>
    /// <param name="transactional">Whether records are sent in transactions.</param>
    public KafkaRecordCollector(KafkaClientFactory clients, Action<ProducerConfig> configure, StreamsConfig config, ILogger logger, bool transactional)
    {
        producer = clients.CreateProducer<byte[], byte[]>(config =>
        {
            configure(config);
            // Delivery reports hand back the key and value we sent (dead letters of production errors need them); copying
            // headers back out of librdkafka for every record would cost more than the rest of the report.
            config.DeliveryReportFields = "key,value,timestamp";
            // The stream thread serves delivery reports itself (each round, and while it waits for them): a background
            // thread taking the last report would leave a flush asleep until its next 10 ms poll.
            config.EnableBackgroundPoll = false;
        });
        Errors = new ErrorHandler(config, logger, this);
        this.transactional = transactional;
        onDelivery = OnDelivery;
        if (transactional) producer.InitTransactions(TimeSpan.FromSeconds(30));
    }

    public ErrorHandler Errors { get; }

    public void Send(string topic, int? partition, byte[]? key, byte[]? value, Headers? headers, long timestamp)
    {
        ThrowIfFailed();
        if (!transactional)
        {
            // Reports are served on this thread too (Poll, Flush), so the lock is never contended.
            lock (heldGate)
            {
                if (Interlocked.Read(ref changelogsInFlight) > 0 || held.Count > 0 || sealedBatches.Count > 0)
                {
                    held.Add(new HeldRecord(topic, partition, key, value, headers, timestamp));
                    return;
                }
            }
        }
        Produce(topic, partition, key, value, headers, timestamp);
    }

    public void SendChangelog(string topic, int partition, byte[] key, byte[]? value, long timestamp)
    {
        ThrowIfFailed();
        if (transactional)
        {
            Produce(topic, partition, key, value, null, timestamp);
            return;
        }
        var tracker = Tracker(topic, partition);
        lock (heldGate)
        {
            if (changelogs.Add(tracker)) tracker.IsChangelog = true;
        }
        // Counted once librdkafka took it, so a record refused before sending (no report will come) holds nothing back.
        // Its report is served by a later Poll or Flush of this thread, so it cannot come before the count.
        if (!Produce(topic, partition, key, value, null, timestamp)) return;
        tracker.Sent++;
        Interlocked.Increment(ref changelogsInFlight);
    }

    /// <summary>Whether outputs wait for changelog acknowledgements: the thread should come back soon to release them.</summary>
    public bool HoldsOutputs
    {
        get
        {
            lock (heldGate) return held.Count > 0 || sealedBatches.Count > 0;
        }
    }

    /// <summary>
    /// For a thread with nothing else to do: sends what the producer holds back for <c>linger.ms</c> at once, waits for
    /// every delivery and releases the held outputs — rather than spinning on empty polls until the acknowledgements come.
    /// </summary>
    public void ReleaseOutputsWhenAcknowledged()
    {
        WaitForDeliveries();
        ReleaseOutputs();
    }

    /// <summary>
    /// Closes this round's held outputs into a batch that waits for the changelog records sent so far, and sends every
    /// batch, oldest first, whose changelog records are acknowledged. Never waits.
    /// </summary>
    public void ReleaseOutputs()
    {
        producer.Poll(TimeSpan.Zero);
        List<HeldRecord> release = [];
        lock (heldGate)
        {
            if (held.Count > 0)
            {
                sealedBatches.Enqueue(new HeldBatch(held, changelogs.Where(c => c.Acknowledged < c.Sent).Select(c => (c, c.Sent)).ToArray()));
                held = [];
            }
            while (sealedBatches.TryPeek(out var batch) && batch.Acknowledged) release.AddRange(sealedBatches.Dequeue().Records);
        }
        foreach (var record in release) Produce(record.Topic, record.Partition, record.Key, record.Value, record.Headers, record.Timestamp);
    }

    /// <summary>Hands the record to librdkafka; false when it refused it (the error handler had it as a production error).</summary>
    private bool Produce(string topic, int? partition, byte[]? key, byte[]? value, Headers? headers, long timestamp)
    {
        if (transactional && !inTransaction)
        {
            producer.BeginTransaction();
            inTransaction = true;
        }
        if (learnedTopics.Add(topic)) LearnTopic(topic);
        var message = new Message<byte[], byte[]> { Key = key!, Value = value!, Headers = headers, Timestamp = new Timestamp(timestamp, TimestampType.CreateTime) };
        while (true)
        {
            try
            {
                if (partition is { } p) producer.Produce(new TopicPartition(topic, p), message, Tracker(topic, p).OnDelivery);
                else producer.Produce(topic, message, onDelivery);
                return true;
            }
            catch (ProduceException<byte[], byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                // The local queue drains as deliveries complete and their reports are served.
                producer.Poll(TimeSpan.FromMilliseconds(5));
            }
            catch (ProduceException<byte[], byte[]> e)
            {
                // Refused before sending (too large, unknown partition): a production error like a failed delivery.
                Errors.OnProductionError(new ConsumeResult<byte[], byte[]> { Topic = topic, Partition = new Partition(partition ?? -1), Offset = Offset.Unset, Message = message }, e);
                return false;
            }
        }
    }

    private void LearnTopic(string topic)
    {
        try
        {
            producer.LearnTopic(topic, TimeSpan.FromSeconds(5));
        }
        catch (KafkaException)
        {
            // Only a head start: librdkafka's own metadata scan still finds the topic, and a missing one fails the delivery.
        }
    }

    /// <summary>A sink's partitioner asks before the record's send, so the producer learns the topic here, once.</summary>
    public int PartitionCount(string topic) => partitionCounts.GetOrAdd(topic, t =>
    {
        learnedTopics.Add(t);
        return producer.LearnTopic(t, TimeSpan.FromSeconds(10)) is { Partitions.Count: > 0 } topicMetadata
            ? topicMetadata.Partitions.Count
            : throw new StreamsException($"Cannot partition output to topic '{t}': the cluster reports no partitions for it.") { Topic = t };
    });

    /// <summary>The offset after the last record delivered to the partition, or null when none was.</summary>
    public long? NextOffset(string topic, int partition) => delivered.TryGetValue((topic, partition), out var tracker) ? tracker.Next : null;

    /// <summary>Waits until every record sent so far, held outputs included, is delivered (or failed).</summary>
    public void Flush()
    {
        WaitForDeliveries();
        ReleaseOutputs();
        WaitForDeliveries();
    }

    private void WaitForDeliveries()
    {
        while (producer.Flush(TimeSpan.FromSeconds(10)) > 0) ThrowIfFailed();
        ThrowIfFailed();
    }

    /// <summary>Commits the open transaction with the input offsets (exactly once); a no-op transaction is opened when nothing was sent.</summary>
    public void CommitTransaction(IReadOnlyList<TopicPartitionOffset> offsets, IConsumerGroupMetadata group)
    {
        if (!inTransaction)
        {
            if (offsets.Count == 0) return;
            producer.BeginTransaction();
        }
        producer.SendOffsetsToTransaction(offsets, group, TimeSpan.FromSeconds(30));
        producer.CommitTransaction(TimeSpan.FromSeconds(60));
        inTransaction = false;
        ThrowIfFailed();
    }

    public void AbortTransaction()
    {
        if (!inTransaction) return;
        producer.AbortTransaction(TimeSpan.FromSeconds(30));
        inTransaction = false;
    }

    public void Dispose() => producer.Dispose();

    private void ThrowIfFailed()
    {
        if (Volatile.Read(ref failure) is { } error) throw error as StreamsException ?? new StreamsException($"Producing failed: {error.Message}", error);
    }

    private DeliveredOffset Tracker(string topic, int partition) =>
        delivered.TryGetValue((topic, partition), out var tracker) ? tracker : delivered.GetOrAdd((topic, partition), _ => new DeliveredOffset(this));

    private void OnDelivery(DeliveryReport<byte[], byte[]> report)
    {
        if (report.Error.IsError) OnDeliveryFailed(report);
    }

    private void OnDeliveryFailed(DeliveryReport<byte[], byte[]> report)
    {
        try
        {
            Errors.OnProductionError(
                new ConsumeResult<byte[], byte[]> { Topic = report.Topic, Partition = report.Partition, Offset = report.Offset, Message = report.Message },
                new KafkaException(report.Error));
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref failure, e, null);
        }
    }

    private sealed record HeldRecord(string Topic, int? Partition, byte[]? Key, byte[]? Value, Headers? Headers, long Timestamp);

    /// <summary>Outputs held in one round, with how many records each changelog partition had been sent before them.</summary>
    private sealed record HeldBatch(List<HeldRecord> Records, (DeliveredOffset Changelog, long Sent)[] Before)
    {
        public bool Acknowledged => Before.All(b => b.Changelog.Acknowledged >= b.Sent);
    }

    /// <summary>
    /// The next offset after the last record delivered to one partition, and for a changelog partition how many records
    /// were sent to it and acknowledged (delivered or failed); its handler needs no lookup per report.
    /// </summary>
    private sealed class DeliveredOffset
    {
        private long next = -1;
        private long acknowledged;
        private volatile bool isChangelog;

        public DeliveredOffset(KafkaRecordCollector owner) => OnDelivery = report =>
        {
            Interlocked.Increment(ref acknowledged);
            if (isChangelog) Interlocked.Decrement(ref owner.changelogsInFlight);
            if (report.Error.IsError)
            {
                owner.OnDeliveryFailed(report);
                return;
            }
            var offset = report.Offset.Value + 1;
            for (var seen = Volatile.Read(ref next); offset > seen; seen = Volatile.Read(ref next))
            {
                if (Interlocked.CompareExchange(ref next, offset, seen) == seen) break;
            }
        };

        public Action<DeliveryReport<byte[], byte[]>> OnDelivery { get; }

        /// <summary>Records sent to the partition as a changelog (by the stream thread only).</summary>
        public long Sent { get; set; }

        public long Acknowledged => Interlocked.Read(ref acknowledged);

        /// <summary>The partition is a changelog: its records in flight hold outputs back.</summary>
        public bool IsChangelog
        {
            set => isChangelog = value;
        }

        public long? Next => Volatile.Read(ref next) is var value and >= 0 ? value : null;
    }
}
