using System.Buffers.Binary;
using OrderStreams.Streams.Serialization;

namespace OrderStreams.Streams.Internals.State;

/// <summary>A list of values as length-prefixed items; keeps several join records that share a key and timestamp.</summary>
internal sealed class ListSerde<T>(ISerde<T> inner) : ISerde<List<T>>
{
    public byte[] Serialize(List<T> value, SerdeContext context)
    {
        var items = value.Select(v => inner.Serialize(v, context)).ToList();
        var bytes = new byte[items.Sum(i => i.Length + 4)];
        var offset = 0;
        foreach (var item in items)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(offset), item.Length);
            item.CopyTo(bytes, offset + 4);
            offset += item.Length + 4;
        }
        return bytes;
    }

    public List<T> Deserialize(ReadOnlySpan<byte> data, SerdeContext context)
    {
        var list = new List<T>();
        while (data.Length > 0)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(data);
            list.Add(inner.Deserialize(data.Slice(4, length), context));
            data = data[(4 + length)..];
        }
        return list;
    }
}
