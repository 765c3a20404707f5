namespace OrderStreams.Streams.Internals.State;

/// <summary>Unsigned lexicographic order, RocksDB's default bytewise comparator.</summary>
internal sealed class ByteArrayComparer : IComparer<byte[]>
{
    public static readonly ByteArrayComparer Instance = new();

    public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
}
