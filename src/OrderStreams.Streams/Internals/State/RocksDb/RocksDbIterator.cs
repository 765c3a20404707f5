using System.Runtime.InteropServices;
using RocksDbSharp;

namespace OrderStreams.Streams.Internals.State.RocksDb;

/// <summary>
/// A cursor over a consistent view of the database in bytewise key order, limited to its bounds. It starts on its
/// first entry: <c>for (; it.Valid; it.Next())</c>. <see cref="Key"/> and <see cref="Value"/> point into RocksDB's
/// memory and stay valid only until the cursor moves or is disposed. Not thread-safe; an open iterator keeps the
/// database's files open after the database is disposed, until the iterator is disposed too.
/// </summary>
internal sealed unsafe class RocksDbIterator : IDisposable
{
    private readonly RocksDbDatabaseHandle database;
    private readonly string path;
    private readonly ReadOptions readOptions = new();
    private readonly byte* bounds;
    private Iterator? iterator;

    /// <param name="lower">Inclusive lower bound; empty means none, as the empty key sorts first.</param>
    /// <param name="upper">Exclusive upper bound, used when <paramref name="hasUpper"/>.</param>
    /// <param name="upperIsPrefixEnd">Use the first key after every key starting with <paramref name="upper"/> instead.</param>
    /// <exception cref="ObjectDisposedException">The database is closed.</exception>
    internal RocksDbIterator(
        RocksDbDatabaseHandle database, string path, ReadOnlySpan<byte> lower, ReadOnlySpan<byte> upper, bool hasUpper, bool upperIsPrefixEnd)
    {
        var added = false;
        database.DangerousAddRef(ref added);
        this.database = database;
        this.path = path;

        // RocksDB keeps pointers to the bounds, so they live in native memory until the iterator is destroyed.
        var upperLength = hasUpper && upperIsPrefixEnd ? PrefixEndLength(upper) : upper.Length;
        hasUpper &= upperLength >= 0;
        bounds = (byte*)NativeMemory.Alloc((nuint)(lower.Length + (hasUpper ? upperLength : 0) + 1));
        lower.CopyTo(new Span<byte>(bounds, lower.Length));
        if (lower.Length > 0) readOptions.SetIterateLowerBound(bounds, (ulong)lower.Length);
        if (hasUpper)
        {
            var end = new Span<byte>(bounds + lower.Length, upperLength);
            upper[..upperLength].CopyTo(end);
            if (upperIsPrefixEnd) end[^1]++;
            readOptions.SetIterateUpperBound(bounds + lower.Length, (ulong)upperLength);
        }
        iterator = database.Db.NewIterator(null, readOptions);
        try
        {
            SeekToFirst();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public bool Valid => Open.Valid();

    /// <exception cref="InvalidOperationException">The cursor is not on an entry.</exception>
    public ReadOnlySpan<byte> Key => Positioned().GetKeySpan();

    /// <exception cref="InvalidOperationException">The cursor is not on an entry.</exception>
    public ReadOnlySpan<byte> Value => Positioned().GetValueSpan();

    private Iterator Open => iterator ?? throw new ObjectDisposedException(nameof(RocksDbIterator));

    public void SeekToFirst() => ThrowIfFailed(Open.SeekToFirst());

    public void SeekToLast() => ThrowIfFailed(Open.SeekToLast());

    /// <summary>Moves to the first key at or after <paramref name="key"/>.</summary>
    public void Seek(ReadOnlySpan<byte> key) => ThrowIfFailed(Open.Seek(key));

    /// <summary>Moves to the last key at or before <paramref name="key"/>.</summary>
    public void SeekForPrev(ReadOnlySpan<byte> key) => ThrowIfFailed(Open.SeekForPrev(key));

    /// <exception cref="InvalidOperationException">The cursor is not on an entry.</exception>
    public void Next() => ThrowIfFailed(Positioned().Next());

    /// <exception cref="InvalidOperationException">The cursor is not on an entry.</exception>
    public void Prev() => ThrowIfFailed(Positioned().Prev());

    /// <summary>Copies the entries from the cursor to the end of its bounds, advancing the cursor as it goes.</summary>
    public IEnumerable<(byte[] Key, byte[] Value)> CopyRemaining()
    {
        for (; Valid; Next()) yield return (Key.ToArray(), Value.ToArray());
    }

    // An iterator left undisposed would otherwise keep its database open for good.
    ~RocksDbIterator() => Dispose();

    public void Dispose()
    {
        if (iterator is null) return;
        iterator.Dispose();
        iterator = null;
        // RocksDbSharp's ReadOptions has no Dispose, only a finalizer: one per range scan kept the finalizer thread busy.
        RocksDbSharp.Native.Instance.rocksdb_readoptions_destroy(readOptions.Handle);
        GC.SuppressFinalize(readOptions);
        NativeMemory.Free(bounds);
        database.DangerousRelease();
        GC.SuppressFinalize(this);
    }

    private Iterator Positioned()
    {
        var open = Open;
        return open.Valid() ? open : throw new InvalidOperationException("The iterator is not positioned on an entry.");
    }

    // An iterator that stops being valid has either reached its end or hit an error (I/O, corruption).
    private void ThrowIfFailed(Iterator moved)
    {
        if (moved.Valid()) return;
        try
        {
            RocksDbSharp.Native.Instance.rocksdb_iter_get_error(moved.Handle);
        }
        catch (RocksDbSharpException e)
        {
            throw new RocksDbException(path, "iteration", e.Message, e);
        }
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
