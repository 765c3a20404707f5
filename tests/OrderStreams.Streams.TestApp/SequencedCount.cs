using System.Buffers.Binary;
using OrderStreams.Streams.Serialization;

namespace OrderStreams.Streams.TestApp;

/// <summary>
/// A word's count that ignores repeated deliveries: each word's inputs carry sequence numbers 1, 2, 3, … in order, and
/// only a number above the last one counted is new. At least once may deliver an input twice (after a crash); the
/// count stays exact, and <see cref="Count"/> equals <see cref="Last"/> exactly when no input was lost or counted twice.
/// </summary>
public readonly record struct SequencedCount(long Count, long Last)
{
    public static ISerde<SequencedCount> Serde { get; } = Serdes.From<SequencedCount>(
        value =>
        {
            var bytes = new byte[16];
            BinaryPrimitives.WriteInt64BigEndian(bytes, value.Count);
            BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(8), value.Last);
            return bytes;
        },
        bytes => bytes.Length == 16
            ? new SequencedCount(BinaryPrimitives.ReadInt64BigEndian(bytes), BinaryPrimitives.ReadInt64BigEndian(bytes[8..]))
            : throw new FormatException($"A sequenced count needs 16 bytes, got {bytes.Length}."));

    public SequencedCount Add(long sequence) => sequence > Last ? new SequencedCount(Count + 1, sequence) : this;
}
