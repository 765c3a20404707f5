using Confluent.Kafka;
using OrderStreams.Kafka.Clients;

namespace OrderStreams.Operations.DeadLetters;

/// <summary>One record of a dead-letter topic: the original key, value and headers, and why it is there.</summary>
/// <param name="Topic">The dead-letter topic.</param>
/// <param name="Partition">Its partition there.</param>
/// <param name="Offset">Its offset there.</param>
/// <param name="Timestamp">The original record's timestamp (kept by the runtime).</param>
/// <param name="Key">The original key bytes.</param>
/// <param name="Value">The original value bytes.</param>
/// <param name="Headers">The original record's headers, without the error headers.</param>
/// <param name="Reason">The error headers, or null when the record has none (not written by the streams runtime).</param>
/// <param name="Redriven">Whether a redrive has handled it (redriven, or skipped on purpose).</param>
public sealed record DeadLetter(
    string Topic,
    int Partition,
    long Offset,
    DateTimeOffset Timestamp,
    byte[]? Key,
    byte[]? Value,
    Headers Headers,
    DeadLetterReason? Reason,
    bool Redriven)
{
    internal static DeadLetter From(ConsumeResult<byte[], byte[]> record, long? redrivenBefore)
    {
        var original = new Headers();
        foreach (var header in record.Message.Headers ?? new Headers())
        {
            if (!DeadLetterHeaders.IsErrorHeader(header.Key)) original.Add(header.Key, header.GetValueBytes());
        }
        return new DeadLetter(
            record.Topic, record.Partition.Value, record.Offset.Value, record.Message.Timestamp.UtcDateTime,
            record.Message.Key, record.Message.Value, original, DeadLetterReason.From(record.Message.Headers),
            record.Offset.Value < redrivenBefore);
    }
}
