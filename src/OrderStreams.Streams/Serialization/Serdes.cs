using System.Buffers.Binary;
using System.Text;

namespace OrderStreams.Streams.Serialization;

/// <summary>Built-in serdes with Kafka's wire formats (UTF-8 strings, big-endian integers, raw bytes).</summary>
public static class Serdes
{
    public static ISerde<string> String { get; } = new StringSerde();

    public static ISerde<long> Long { get; } = new LongSerde();

    public static ISerde<int> Int { get; } = new IntSerde();

    public static ISerde<double> Double { get; } = new DoubleSerde();

    public static ISerde<byte[]> ByteArray { get; } = new ByteArraySerde();

    /// <summary>Kafka's <c>UUIDSerde</c>: the UUID's canonical string in UTF-8.</summary>
    public static ISerde<Guid> Guid { get; } = new GuidSerde();

    /// <summary>Kafka's <c>TimeWindowedSerde</c>: the inner key's bytes followed by the window start as 8 big-endian bytes.</summary>
    public static ISerde<Windowed<K>> TimeWindowed<K>(ISerde<K> inner, TimeSpan windowSize) =>
        new TimeWindowedSerde<K>(inner, (long)windowSize.TotalMilliseconds);

    /// <summary>A serde from two functions, for small ad-hoc formats.</summary>
    public static ISerde<T> From<T>(Func<T, byte[]> serialize, Func<ReadOnlySpan<byte>, T> deserialize) =>
        new DelegateSerde<T>(serialize, deserialize);

    private sealed class StringSerde : ISerde<string>
    {
        public byte[] Serialize(string value, SerdeContext context) => Encoding.UTF8.GetBytes(value);

        public string Deserialize(ReadOnlySpan<byte> data, SerdeContext context) => Encoding.UTF8.GetString(data);
    }

    private sealed class LongSerde : ISerde<long>
    {
        public byte[] Serialize(long value, SerdeContext context)
        {
            var bytes = new byte[8];
            BinaryPrimitives.WriteInt64BigEndian(bytes, value);
            return bytes;
        }

        public long Deserialize(ReadOnlySpan<byte> data, SerdeContext context) =>
            data.Length == 8
                ? BinaryPrimitives.ReadInt64BigEndian(data)
                : throw new FormatException($"A long needs 8 bytes, got {data.Length}.");
    }

    private sealed class IntSerde : ISerde<int>
    {
        public byte[] Serialize(int value, SerdeContext context)
        {
            var bytes = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(bytes, value);
            return bytes;
        }

        public int Deserialize(ReadOnlySpan<byte> data, SerdeContext context) =>
            data.Length == 4
                ? BinaryPrimitives.ReadInt32BigEndian(data)
                : throw new FormatException($"An int needs 4 bytes, got {data.Length}.");
    }

    private sealed class DoubleSerde : ISerde<double>
    {
        public byte[] Serialize(double value, SerdeContext context)
        {
            var bytes = new byte[8];
            BinaryPrimitives.WriteDoubleBigEndian(bytes, value);
            return bytes;
        }

        public double Deserialize(ReadOnlySpan<byte> data, SerdeContext context) =>
            data.Length == 8
                ? BinaryPrimitives.ReadDoubleBigEndian(data)
                : throw new FormatException($"A double needs 8 bytes, got {data.Length}.");
    }

    private sealed class ByteArraySerde : ISerde<byte[]>
    {
        public byte[] Serialize(byte[] value, SerdeContext context) => value;

        public byte[] Deserialize(ReadOnlySpan<byte> data, SerdeContext context) => data.ToArray();
    }

    private sealed class GuidSerde : ISerde<Guid>
    {
        public byte[] Serialize(Guid value, SerdeContext context) => Encoding.UTF8.GetBytes(value.ToString("D"));

        public Guid Deserialize(ReadOnlySpan<byte> data, SerdeContext context) => System.Guid.Parse(Encoding.UTF8.GetString(data));
    }

    private sealed class TimeWindowedSerde<K>(ISerde<K> inner, long sizeMs) : ISerde<Windowed<K>>
    {
        public byte[] Serialize(Windowed<K> value, SerdeContext context)
        {
            var key = inner.Serialize(value.Key, context);
            var bytes = new byte[key.Length + 8];
            key.CopyTo(bytes, 0);
            BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(key.Length), value.Start);
            return bytes;
        }

        public Windowed<K> Deserialize(ReadOnlySpan<byte> data, SerdeContext context)
        {
            if (data.Length < 8) throw new FormatException($"A windowed key needs at least 8 bytes, got {data.Length}.");
            var start = BinaryPrimitives.ReadInt64BigEndian(data[^8..]);
            return new Windowed<K>(inner.Deserialize(data[..^8], context), start, start + sizeMs);
        }
    }

    private sealed class DelegateSerde<T>(Func<T, byte[]> serialize, Func<ReadOnlySpan<byte>, T> deserialize) : ISerde<T>
    {
        public byte[] Serialize(T value, SerdeContext context) => serialize(value);

        public T Deserialize(ReadOnlySpan<byte> data, SerdeContext context) => deserialize(data);
    }
}
