using System.Buffers.Binary;
using OrderStreams.Streams.Serialization;

namespace OrderStreams.Bench;

/// <summary>The stateful pipeline's aggregate: orders and their total per branch, 16 bytes in the store and on the wire.</summary>
public readonly record struct BranchTotals(long Orders, long TotalCents)
{
    public static ISerde<BranchTotals> Serde { get; } = Serdes.From<BranchTotals>(
        value =>
        {
            var bytes = new byte[16];
            BinaryPrimitives.WriteInt64BigEndian(bytes, value.Orders);
            BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(8), value.TotalCents);
            return bytes;
        },
        bytes => bytes.Length == 16
            ? new BranchTotals(BinaryPrimitives.ReadInt64BigEndian(bytes), BinaryPrimitives.ReadInt64BigEndian(bytes[8..]))
            : throw new FormatException($"Branch totals need 16 bytes, got {bytes.Length}."));

    public BranchTotals Add(long cents) => new(Orders + 1, TotalCents + cents);
}
