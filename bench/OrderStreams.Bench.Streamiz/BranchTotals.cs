using System.Buffers.Binary;
using Confluent.Kafka;
using Streamiz.Kafka.Net.SerDes;

namespace OrderStreams.Bench.Streamiz;

/// <summary>The aggregate of the stateful pipelines: orders and their total per branch, 16 bytes big-endian, as the CLI's.</summary>
internal readonly record struct BranchTotals(long Orders, long TotalCents)
{
    public BranchTotals Add(long cents) => new(Orders + 1, TotalCents + cents);

    /// <summary>The 16-byte encoding the CLI's <c>BranchTotals.Serde</c> writes.</summary>
    public sealed class SerDes : AbstractSerDes<BranchTotals>
    {
        public override byte[] Serialize(BranchTotals data, SerializationContext context)
        {
            var bytes = new byte[16];
            BinaryPrimitives.WriteInt64BigEndian(bytes, data.Orders);
            BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(8), data.TotalCents);
            return bytes;
        }

        public override BranchTotals Deserialize(byte[] data, SerializationContext context) => data.Length == 16
            ? new BranchTotals(BinaryPrimitives.ReadInt64BigEndian(data), BinaryPrimitives.ReadInt64BigEndian(data.AsSpan(8)))
            : throw new FormatException($"Branch totals need 16 bytes, got {data.Length}.");
    }
}
