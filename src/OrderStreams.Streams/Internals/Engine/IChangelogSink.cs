namespace OrderStreams.Streams.Internals.Engine;

/// <summary>Takes what a <see cref="ChangelogReader"/> reads; the spans are valid only during the call.</summary>
internal interface IChangelogSink
{
    /// <summary>A record; <paramref name="tombstone"/> when its value is null (a delete).</summary>
    void Record(string topic, int partition, long offset, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, bool tombstone);

    /// <summary>The reader reached the end of the partition, at <paramref name="offset"/>.</summary>
    void EndOfPartition(string topic, int partition, long offset);
}
