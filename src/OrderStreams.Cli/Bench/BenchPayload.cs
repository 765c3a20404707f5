using System.Text;

namespace OrderStreams.Cli.Bench;

/// <summary>Deterministic bench records: keys spread over 200 "branches", values of a fixed size.</summary>
internal static class BenchPayload
{
    private static readonly byte[][] Keys = Enumerable.Range(0, 200).Select(b => Encoding.UTF8.GetBytes($"branch-{b:D3}")).ToArray();

    public static byte[] Key(int i) => Keys[i % Keys.Length];

    public static byte[] Value(int i, int size)
    {
        var value = new byte[size];
        BitConverter.TryWriteBytes(value, i);
        return value;
    }
}
