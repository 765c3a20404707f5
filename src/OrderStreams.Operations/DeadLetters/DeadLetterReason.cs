using System.Globalization;
using System.Text;
using Confluent.Kafka;
using OrderStreams.Kafka.Clients;

namespace OrderStreams.Operations.DeadLetters;

/// <summary>
/// Why and from where a record was dead-lettered: the <see cref="DeadLetterHeaders"/> the streams runtime puts on every
/// dead letter, beside the original key, value and headers.
/// </summary>
/// <param name="SourceTopic">The topic the record was read from.</param>
/// <param name="SourcePartition">Its partition there.</param>
/// <param name="SourceOffset">Its offset there.</param>
/// <param name="Exception">The exception type (full name).</param>
/// <param name="Message">The exception message.</param>
/// <param name="Stacktrace">The exception with its stack trace, when recorded.</param>
public sealed record DeadLetterReason(string SourceTopic, int SourcePartition, long SourceOffset, string Exception, string Message, string? Stacktrace)
{
    /// <summary>The reason the headers carry, or null when they are not a dead letter's.</summary>
    /// <remarks>The last of each header counts: a record dead-lettered again after a redrive carries its old ones first.</remarks>
    public static DeadLetterReason? From(Headers? headers)
    {
        if (headers is null) return null;
        string? Text(string key) => headers.TryGetLastBytes(key, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
        var (topic, partition, offset) = (Text(DeadLetterHeaders.Topic), Text(DeadLetterHeaders.Partition), Text(DeadLetterHeaders.Offset));
        if (topic is null
            || !int.TryParse(partition, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p)
            || !long.TryParse(offset, NumberStyles.Integer, CultureInfo.InvariantCulture, out var o))
            return null;
        return new DeadLetterReason(topic, p, o, Text(DeadLetterHeaders.Exception) ?? "(unknown)", Text(DeadLetterHeaders.Message) ?? "", Text(DeadLetterHeaders.Stacktrace));
    }
}
