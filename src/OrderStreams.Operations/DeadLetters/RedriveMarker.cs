using System.Globalization;
using System.Text;
using Confluent.Kafka;

namespace OrderStreams.Operations.DeadLetters;

/// <summary>The header a redriven record carries: which dead letter it came from (<c>&lt;dlq topic&gt;/&lt;partition&gt;/&lt;offset&gt;</c>).</summary>
public static class RedriveMarker
{
    public const string Header = "orderstreams.redriven.from";

    public static byte[] Value(TopicPartitionOffset deadLetter) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{deadLetter.Topic}/{deadLetter.Partition.Value}/{deadLetter.Offset.Value}"));

    /// <summary>The dead letter a record was redriven from, or null when it carries no (readable) marker.</summary>
    public static TopicPartitionOffset? From(Headers? headers)
    {
        if (headers is null || !headers.TryGetLastBytes(Header, out var bytes)) return null;
        var parts = Encoding.UTF8.GetString(bytes).Split('/');
        return parts.Length >= 3
            && int.TryParse(parts[^2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var partition)
            && long.TryParse(parts[^1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var offset)
                ? new TopicPartitionOffset(string.Join('/', parts[..^2]), partition, offset)
                : null;
    }
}
