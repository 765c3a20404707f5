namespace OrderStreams.Avro.Resolution;

/// <summary>Guards against block counts that promise more items than the input can hold.</summary>
internal static class Collections
{
    /// <summary>The most items of a zero-byte type (null, empty record) one array may hold; such items cannot be bounded by the input size.</summary>
    public const int MaxZeroByteItems = 1 << 20;

    public static int InitialCapacity(int count, int remaining, bool itemsTakeBytes) =>
        Math.Min(count, itemsTakeBytes ? remaining : 1024);

    public static void CheckCount(int count, int soFar, int remaining, bool itemsTakeBytes, long offset)
    {
        if (itemsTakeBytes ? count > remaining : (long)soFar + count > MaxZeroByteItems)
        {
            throw new AvroDecodeException(
                itemsTakeBytes
                    ? $"block count {count} exceeds the remaining {remaining} bytes"
                    : $"block count {count} exceeds the limit of {MaxZeroByteItems} zero-byte items",
                offset);
        }
    }
}
