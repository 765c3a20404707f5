using System.Buffers;
using OrderStreams.Avro.Binary;

namespace OrderStreams.Avro.Tests.Binary;

internal delegate void WriteAction(ref AvroWriter writer);

internal static class AvroBytes
{
    /// <summary>What <paramref name="write"/> writes, as upper-case hex.</summary>
    public static string Hex(WriteAction write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new AvroWriter(buffer);
        write(ref writer);
        writer.Flush();
        return Convert.ToHexString(buffer.WrittenSpan);
    }
}
