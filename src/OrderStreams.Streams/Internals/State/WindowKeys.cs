using System.Buffers.Binary;

namespace OrderStreams.Streams.Internals.State;

/// <summary>Window store keys: the serialized key followed by the window start as 8 big-endian bytes, so a key's windows sort by time.</summary>
internal static class WindowKeys
{
    public static byte[] Compose(byte[] key, long windowStart)
    {
        var composite = new byte[key.Length + 8];
        key.CopyTo(composite, 0);
        // Flipping the sign bit keeps negative timestamps ordered before positive ones bytewise.
        BinaryPrimitives.WriteUInt64BigEndian(composite.AsSpan(key.Length), (ulong)windowStart ^ 0x8000_0000_0000_0000UL);
        return composite;
    }

    public static long WindowStart(ReadOnlySpan<byte> composite) =>
        (long)(BinaryPrimitives.ReadUInt64BigEndian(composite[^8..]) ^ 0x8000_0000_0000_0000UL);

    public static ReadOnlySpan<byte> Key(ReadOnlySpan<byte> composite) => composite[..^8];
}
