using System.Text;

namespace OrderStreams.Hosting.Metrics;

/// <summary>
/// The tags of one series, with their label text rendered once in the order they were first recorded (so
/// <c>kafka_consumergroup_lag{consumergroup,topic,partition}</c> reads as tagged). Equal to any span of the same
/// tags in any order (<see cref="TagSetComparer"/>), so recording finds its series without allocating.
/// </summary>
internal sealed class TagSet
{
    public static readonly TagSet Empty = new([]);

    /// <summary>Where measurements go once a metric has its maximum number of series.</summary>
    public static readonly TagSet Overflow = new([new("otel_metric_overflow", true)]);

    private readonly KeyValuePair<string, object?>[] tags;

    private TagSet(KeyValuePair<string, object?>[] tags)
    {
        this.tags = tags;
        HashCode = Hash(tags);
        Labels = Render(tags);
    }

    public int HashCode { get; }

    /// <summary><c>a="x",b="y"</c> (escaped), or empty for no tags.</summary>
    public string Labels { get; }

    public static TagSet Create(ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        tags.IsEmpty ? Empty : new TagSet(tags.ToArray());

    /// <summary>Order-independent, so the same tags in another order find the same series.</summary>
    public static int Hash(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var hash = tags.Length;
        foreach (var tag in tags)
            hash += System.HashCode.Combine(tag.Key, tag.Value);
        return hash;
    }

    public bool Matches(ReadOnlySpan<KeyValuePair<string, object?>> other)
    {
        if (other.Length != tags.Length)
            return false;
        foreach (var tag in other)
        {
            if (!Contains(tag))
                return false;
        }

        return true;
    }

    private bool Contains(KeyValuePair<string, object?> tag)
    {
        foreach (var own in tags)
        {
            if (string.Equals(own.Key, tag.Key, StringComparison.Ordinal))
                return Equals(own.Value, tag.Value);
        }

        return false;
    }

    private static string Render(KeyValuePair<string, object?>[] tags)
    {
        var text = new StringBuilder();
        foreach (var tag in tags)
        {
            if (text.Length > 0)
                text.Append(',');
            text.Append(PrometheusText.LabelName(tag.Key)).Append("=\"");
            PrometheusText.AppendLabelValue(text, PrometheusText.TagText(tag.Value));
            text.Append('"');
        }

        return text.ToString();
    }
}
