using System.Runtime.InteropServices;
using OrderStreams.Native;

namespace OrderStreams.Streams.State.RocksDb;

/// <summary>
/// A <c>rocksdb_iterator_t</c> with its own read options and bound keys. It holds a reference on the database
/// handle, so the database is closed only after its last iterator.
/// </summary>
internal sealed unsafe class RocksDbIteratorHandle : SafeHandle
{
    private readonly RocksDbDatabaseHandle database;
    private readonly nint readOptions;
    private readonly byte* bounds;

    /// <param name="lower">Inclusive lower bound; empty means none, as the empty key sorts first.</param>
    /// <param name="upper">Exclusive upper bound, used when <paramref name="hasUpper"/>.</param>
    /// <param name="upperIsPrefixEnd">Use the first key after every key starting with <paramref name="upper"/> instead.</param>
    /// <exception cref="ObjectDisposedException">The database is closed.</exception>
    public RocksDbIteratorHandle(
        RocksDbDatabaseHandle database, ReadOnlySpan<byte> lower, ReadOnlySpan<byte> upper, bool hasUpper, bool upperIsPrefixEnd)
        : base(0, ownsHandle: true)
    {
        var added = false;
        database.DangerousAddRef(ref added);
        this.database = database;
        readOptions = RocksDbNative.ReadOptionsCreate();

        // The read options keep pointers to the bounds, so they live in native memory until the iterator is destroyed.
        var upperLength = hasUpper && upperIsPrefixEnd ? PrefixEndLength(upper) : upper.Length;
        hasUpper &= upperLength >= 0;
        bounds = (byte*)NativeMemory.Alloc((nuint)(lower.Length + (hasUpper ? upperLength : 0) + 1));
        lower.CopyTo(new Span<byte>(bounds, lower.Length));
        if (lower.Length > 0) RocksDbNative.ReadOptionsSetIterateLowerBound(readOptions, bounds, (nuint)lower.Length);
        if (hasUpper)
        {
            var end = new Span<byte>(bounds + lower.Length, upperLength);
            upper[..upperLength].CopyTo(end);
            if (upperIsPrefixEnd) end[^1]++;
            RocksDbNative.ReadOptionsSetIterateUpperBound(readOptions, bounds + lower.Length, (nuint)upperLength);
        }
        SetHandle(RocksDbNative.CreateIterator(database.DangerousGetHandle(), readOptions));
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        RocksDbNative.IterDestroy(handle);
        RocksDbNative.ReadOptionsDestroy(readOptions);
        NativeMemory.Free(bounds);
        database.DangerousRelease();
        return true;
    }

    /// <summary>
    /// The length of the prefix whose last byte, incremented, gives the first key after all keys starting with
    /// <paramref name="prefix"/>: trailing 0xFF bytes cannot be incremented. -1 when there is no such key.
    /// </summary>
    private static int PrefixEndLength(ReadOnlySpan<byte> prefix)
    {
        var length = prefix.Length;
        while (length > 0 && prefix[length - 1] == 0xFF) length--;
        return length == 0 ? -1 : length;
    }
}
