using System.Runtime.InteropServices;
using System.Text;

namespace OrderStreams.Native;

/// <summary>
/// The part of librdkafka's client API (rdkafka.h, 2.0 and later) we call directly rather than through
/// Confluent.Kafka: creating a client, and the batch consumer the state restore reads changelogs with.
/// </summary>
internal static unsafe partial class RdKafkaNative
{
    private const string Library = "librdkafka";

    public const int ProducerType = 0;
    public const int ConsumerType = 1;
    public const int ConfigOk = 0;

    /// <summary>RD_KAFKA_RESP_ERR__PARTITION_EOF: a message that only says the consumer reached the end of a partition.</summary>
    public const int PartitionEof = -191;

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_new")]
    public static partial nint ConfNew();

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_destroy")]
    public static partial void ConfDestroy(nint conf);

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_set", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ConfSet(nint conf, string name, string value, byte[] errstr, nuint errstrSize);

    /// <summary>Copies a setting's value into <paramref name="value"/>; <paramref name="size"/> is its capacity in, the length needed out.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_get", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ConfGet(nint conf, string name, byte[] value, ref nuint size);

    [LibraryImport(Library, EntryPoint = "rd_kafka_new")]
    public static partial nint New(int type, nint conf, byte[] errstr, nuint errstrSize);

    [LibraryImport(Library, EntryPoint = "rd_kafka_destroy")]
    public static partial void Destroy(nint rk);

    [LibraryImport(Library, EntryPoint = "rd_kafka_err2str")]
    private static partial nint ErrorToString(int error);

    /// <summary>librdkafka's description of an error code.</summary>
    public static string ErrorText(int code) => Marshal.PtrToStringUTF8(ErrorToString(code)) ?? $"error {code}";

    /// <summary>The NUL-terminated message librdkafka wrote into an <c>errstr</c> buffer.</summary>
    public static string ErrorText(byte[] errstr) => Encoding.UTF8.GetString(errstr, 0, Math.Max(0, Array.IndexOf(errstr, (byte)0)));

    [LibraryImport(Library, EntryPoint = "rd_kafka_poll_set_consumer")]
    public static partial int PollSetConsumer(nint rk);

    [LibraryImport(Library, EntryPoint = "rd_kafka_queue_get_consumer")]
    public static partial nint QueueGetConsumer(nint rk);

    [LibraryImport(Library, EntryPoint = "rd_kafka_queue_destroy")]
    public static partial void QueueDestroy(nint queue);

    /// <summary>Up to <paramref name="size"/> messages (each released with <see cref="MessageDestroy"/>), or -1.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_consume_batch_queue")]
    public static partial nint ConsumeBatchQueue(nint queue, int timeoutMs, Message** messages, nuint size);

    [LibraryImport(Library, EntryPoint = "rd_kafka_message_destroy")]
    public static partial void MessageDestroy(Message* message);

    [LibraryImport(Library, EntryPoint = "rd_kafka_topic_name")]
    public static partial nint TopicName(nint topic);

    [LibraryImport(Library, EntryPoint = "rd_kafka_query_watermark_offsets", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int QueryWatermarkOffsets(nint rk, string topic, int partition, out long low, out long high, int timeoutMs);

    [LibraryImport(Library, EntryPoint = "rd_kafka_topic_partition_list_new")]
    public static partial nint PartitionListNew(int size);

    [LibraryImport(Library, EntryPoint = "rd_kafka_topic_partition_list_destroy")]
    public static partial void PartitionListDestroy(nint list);

    [LibraryImport(Library, EntryPoint = "rd_kafka_topic_partition_list_add", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint PartitionListAdd(nint list, string topic, int partition);

    [LibraryImport(Library, EntryPoint = "rd_kafka_topic_partition_list_set_offset", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int PartitionListSetOffset(nint list, string topic, int partition, long offset);

    /// <summary>Returns an rd_kafka_error_t (release with <see cref="ErrorDestroy"/>), or 0.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_incremental_assign")]
    public static partial nint IncrementalAssign(nint rk, nint partitions);

    [LibraryImport(Library, EntryPoint = "rd_kafka_incremental_unassign")]
    public static partial nint IncrementalUnassign(nint rk, nint partitions);

    [LibraryImport(Library, EntryPoint = "rd_kafka_error_string")]
    public static partial nint ErrorString(nint error);

    [LibraryImport(Library, EntryPoint = "rd_kafka_error_destroy")]
    public static partial void ErrorDestroy(nint error);

    [LibraryImport(Library, EntryPoint = "rd_kafka_consumer_close")]
    public static partial int ConsumerClose(nint rk);

    /// <summary>rd_kafka_message_t. For an error, <see cref="Payload"/> holds its description.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Message
    {
        public int Error;
        public nint Topic;
        public int Partition;
        public byte* Payload;
        public nuint Length;
        public byte* Key;
        public nuint KeyLength;
        public long Offset;
        private nint opaque;
    }
}
