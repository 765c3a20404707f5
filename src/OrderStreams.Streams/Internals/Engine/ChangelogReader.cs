using System.Runtime.InteropServices;
using System.Text;
using Confluent.Kafka;
using OrderStreams.Native;

namespace OrderStreams.Streams.Internals.Engine;

/// <summary>
/// An assign-only consumer of changelog partitions on librdkafka's C API rather than Confluent.Kafka's
/// <c>Consume</c>, which copies every key and value into new arrays and wraps each record in objects: restore is
/// the one loop where that copying, and the garbage it makes, cost more than the broker and RocksDB together.
/// Here a batch of messages goes from librdkafka's buffers straight into the stores' write batches. Not thread-safe.
/// </summary>
internal sealed unsafe class ChangelogReader : IDisposable
{
    private const int MessagesPerCall = 1024;

    private readonly nint client;
    private readonly nint queue;
    private readonly Dictionary<nint, string> topicNames = [];
    private bool disposed;

    /// <param name="settings">Consumer settings: librdkafka's are passed through (a group.id is required to assign), Confluent.Kafka's own (<c>dotnet.*</c>) do not apply.</param>
    /// <exception cref="ArgumentException">librdkafka refuses a setting.</exception>
    public ChangelogReader(IEnumerable<KeyValuePair<string, string>> settings)
    {
        NativeLibraries.EnsureKafka();
        var error = new byte[512];
        var conf = RdKafkaNative.ConfNew();
        foreach (var (name, value) in settings.Where(s => !s.Key.StartsWith("dotnet.", StringComparison.Ordinal)))
        {
            if (RdKafkaNative.ConfSet(conf, name, value, error, (nuint)error.Length) == RdKafkaNative.ConfigOk) continue;
            RdKafkaNative.ConfDestroy(conf);
            throw new ArgumentException($"The restore consumer refuses {name}={value}: {RdKafkaNative.ErrorText(error)}", nameof(settings));
        }
        // rd_kafka_new takes the configuration only when it succeeds.
        client = RdKafkaNative.New(RdKafkaNative.ConsumerType, conf, error, (nuint)error.Length);
        if (client == 0)
        {
            RdKafkaNative.ConfDestroy(conf);
            throw new KafkaException(new Error(ErrorCode.Local_Fail, $"Cannot create the restore consumer: {RdKafkaNative.ErrorText(error)}"));
        }
        RdKafkaNative.PollSetConsumer(client);
        queue = RdKafkaNative.QueueGetConsumer(client);
    }

    public WatermarkOffsets QueryWatermarkOffsets(TopicPartition partition, TimeSpan timeout)
    {
        var code = RdKafkaNative.QueryWatermarkOffsets(client, partition.Topic, partition.Partition.Value, out var low, out var high, (int)timeout.TotalMilliseconds);
        if (code != 0) throw new KafkaException(new Error((ErrorCode)code, $"Cannot read the offsets of {partition}: {RdKafkaNative.ErrorText(code)}"));
        return new WatermarkOffsets(low, high);
    }

    /// <summary>Starts reading the partitions, each at its (concrete) offset, keeping the others assigned.</summary>
    public void Assign(IReadOnlyCollection<TopicPartitionOffset> partitions) =>
        ChangeAssignment(partitions.Select(p => (p.TopicPartition, p.Offset.Value)), RdKafkaNative.IncrementalAssign, "assign");

    public void Unassign(IReadOnlyCollection<TopicPartition> partitions) =>
        ChangeAssignment(partitions.Select(p => (p, Offset.Unset.Value)), RdKafkaNative.IncrementalUnassign, "unassign");

    /// <summary>
    /// Hands up to <paramref name="max"/> fetched messages to <paramref name="sink"/>, waiting up to
    /// <paramref name="timeout"/> for the first; returns how many it handed over.
    /// </summary>
    /// <exception cref="KafkaException">The broker reported an error for a partition.</exception>
    public int Read(TimeSpan timeout, int max, IChangelogSink sink)
    {
        var messages = stackalloc RdKafkaNative.Message*[MessagesPerCall];
        // librdkafka waits until the batch is full or the timeout passes, so only a call for one message waits.
        var count = Take(messages, 0, Math.Min(max, MessagesPerCall));
        if (count == 0 && timeout > TimeSpan.Zero) count = Take(messages, (int)timeout.TotalMilliseconds, 1);
        try
        {
            for (var i = 0; i < count; i++) Hand(messages[i], sink);
        }
        finally
        {
            for (var i = 0; i < count; i++) RdKafkaNative.MessageDestroy(messages[i]);
        }
        return count;
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        RdKafkaNative.QueueDestroy(queue);
        RdKafkaNative.ConsumerClose(client);
        RdKafkaNative.Destroy(client);
    }

    private int Take(RdKafkaNative.Message** messages, int timeoutMs, int max)
    {
        var count = (long)RdKafkaNative.ConsumeBatchQueue(queue, timeoutMs, messages, (nuint)max);
        if (count < 0) throw new KafkaException(new Error(ErrorCode.Local_Fail, "The restore consumer's queue cannot be read."));
        return (int)count;
    }

    private void Hand(RdKafkaNative.Message* message, IChangelogSink sink)
    {
        var topic = TopicName(message->Topic);
        switch (message->Error)
        {
            case 0:
                sink.Record(
                    topic, message->Partition, message->Offset,
                    new ReadOnlySpan<byte>(message->Key, (int)message->KeyLength),
                    new ReadOnlySpan<byte>(message->Payload, (int)message->Length),
                    tombstone: message->Payload is null);
                break;
            case RdKafkaNative.PartitionEof:
                sink.EndOfPartition(topic, message->Partition, message->Offset);
                break;
            case var code when TransientKafkaErrors.IsTransient((ErrorCode)code):
                // A fetch that failed transiently: librdkafka fetches the partition again from the same offset.
                break;
            default:
                var reason = message->Payload is null ? RdKafkaNative.ErrorText(message->Error) : Encoding.UTF8.GetString(message->Payload, (int)message->Length);
                throw new KafkaException(new Error((ErrorCode)message->Error, $"Restoring from {topic} [{message->Partition}]: {reason}"));
        }
    }

    // librdkafka keeps one topic handle per topic, so its name is decoded once.
    private string TopicName(nint topic)
    {
        if (!topicNames.TryGetValue(topic, out var name))
            topicNames[topic] = name = Marshal.PtrToStringUTF8(RdKafkaNative.TopicName(topic)) ?? "";
        return name;
    }

    private void ChangeAssignment(IEnumerable<(TopicPartition Partition, long Offset)> partitions, Func<nint, nint, nint> change, string what)
    {
        var list = RdKafkaNative.PartitionListNew(4);
        try
        {
            foreach (var (partition, offset) in partitions)
            {
                RdKafkaNative.PartitionListAdd(list, partition.Topic, partition.Partition.Value);
                RdKafkaNative.PartitionListSetOffset(list, partition.Topic, partition.Partition.Value, offset);
            }
            var error = change(client, list);
            if (error == 0) return;
            var text = Marshal.PtrToStringUTF8(RdKafkaNative.ErrorString(error));
            RdKafkaNative.ErrorDestroy(error);
            throw new KafkaException(new Error(ErrorCode.Local_Fail, $"The restore consumer cannot {what}: {text}"));
        }
        finally
        {
            RdKafkaNative.PartitionListDestroy(list);
        }
    }
}
