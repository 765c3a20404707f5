using System.Text;

namespace OrderStreams.Avro.Schemas;

/// <summary>The spec's 64-bit Rabin fingerprint (CRC-64-AVRO), used for schema fingerprints.</summary>
public static class Crc64Avro
{
    /// <summary>The fingerprint of the empty input, which is also the polynomial.</summary>
    public const long Empty = unchecked((long)0xc15d213aa4d7a795UL);

    private static readonly long[] Table = BuildTable();

    public static long Compute(ReadOnlySpan<byte> data)
    {
        var fp = Empty;
        foreach (var b in data)
            fp = (long)((ulong)fp >> 8) ^ Table[(int)(fp ^ b) & 0xff];
        return fp;
    }

    public static long Compute(string text) => Compute(Encoding.UTF8.GetBytes(text));

    private static long[] BuildTable()
    {
        var table = new long[256];
        for (var i = 0; i < 256; i++)
        {
            long fp = i;
            for (var j = 0; j < 8; j++)
                fp = (long)((ulong)fp >> 1) ^ (Empty & -(fp & 1L));
            table[i] = fp;
        }

        return table;
    }
}
