using Confluent.Kafka;

namespace OrderStreams.Streams.Internals.Runtime;

/// <summary>
/// A replay up to <see cref="StreamsConfig.ProcessUntil"/>: an input partition stops at its first record after the
/// bound, a global table loads every record up to it (reference data as of then), and wall-clock punctuations see
/// the clock stop at it.
/// </summary>
internal sealed record ReplayBound(long UntilMs)
{
    public static ReplayBound? Of(StreamsConfig config) => config.ProcessUntilMs is { } until ? new ReplayBound(until) : null;

    public bool Beyond(ConsumeResult<byte[], byte[]> record) => record.Message.Timestamp.UnixTimestampMs > UntilMs;

    public long WallClock(long now) => Math.Min(now, UntilMs);
}
