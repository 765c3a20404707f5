using System.Buffers;
using OrderStreams.Avro.Binary;

namespace OrderStreams.Avro.Specific;

/// <summary>Avro binary encoding of generated records to and from byte arrays (no schema id, no framing).</summary>
public static class AvroRecord
{
    public static byte[] Serialize<T>(T value)
        where T : IAvroRecord<T>
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Serialize(value, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static void Serialize<T>(T value, IBufferWriter<byte> output)
        where T : IAvroRecord<T>
    {
        var writer = new AvroWriter(output);
        value.Write(ref writer);
        writer.Flush();
    }

    /// <summary>Decodes a value written with <typeparamref name="T"/>'s own schema.</summary>
    public static T Deserialize<T>(ReadOnlySpan<byte> data)
        where T : IAvroRecord<T>
    {
        var reader = new AvroReader(data);
        return T.Read(ref reader);
    }
}
