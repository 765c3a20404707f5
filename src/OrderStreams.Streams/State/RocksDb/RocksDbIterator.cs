using OrderStreams.Native;

namespace OrderStreams.Streams.State.RocksDb;

/// <summary>
/// A cursor over a consistent view of the database in bytewise key order, limited to its bounds. It starts on its
/// first entry: <c>for (; it.Valid; it.Next())</c>. <see cref="Key"/> and <see cref="Value"/> point into RocksDB's
/// memory and stay valid only until the cursor moves or is disposed. Not thread-safe; an open iterator keeps the
/// database's files open after the database is disposed, until the iterator is disposed too.
/// </summary>
public sealed unsafe class RocksDbIterator : IDisposable
{
    private readonly RocksDbIteratorHandle handle;
    private readonly string path;

    internal RocksDbIterator(RocksDbIteratorHandle handle, string path)
    {
        this.handle = handle;
        this.path = path;
        try
        {
            SeekToFirst();
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    public bool Valid
    {
        get
        {
            using var lease = new HandleLease(handle);
            return RocksDbNative.IterValid(lease.Pointer) != 0;
        }
    }

    /// <exception cref="InvalidOperationException">The cursor is not on an entry.</exception>
    public ReadOnlySpan<byte> Key
    {
        get
        {
            using var lease = Positioned();
            var key = RocksDbNative.IterKey(lease.Pointer, out var length);
            return new ReadOnlySpan<byte>(key, checked((int)length));
        }
    }

    /// <exception cref="InvalidOperationException">The cursor is not on an entry.</exception>
    public ReadOnlySpan<byte> Value
    {
        get
        {
            using var lease = Positioned();
            var value = RocksDbNative.IterValue(lease.Pointer, out var length);
            return new ReadOnlySpan<byte>(value, checked((int)length));
        }
    }

    public void SeekToFirst()
    {
        using var lease = new HandleLease(handle);
        RocksDbNative.IterSeekToFirst(lease.Pointer);
        ThrowIfFailed(lease.Pointer);
    }

    public void SeekToLast()
    {
        using var lease = new HandleLease(handle);
        RocksDbNative.IterSeekToLast(lease.Pointer);
        ThrowIfFailed(lease.Pointer);
    }

    /// <summary>Moves to the first key at or after <paramref name="key"/>.</summary>
    public void Seek(ReadOnlySpan<byte> key)
    {
        using var lease = new HandleLease(handle);
        fixed (byte* k = key) RocksDbNative.IterSeek(lease.Pointer, k, (nuint)key.Length);
        ThrowIfFailed(lease.Pointer);
    }

    /// <summary>Moves to the last key at or before <paramref name="key"/>.</summary>
    public void SeekForPrev(ReadOnlySpan<byte> key)
    {
        using var lease = new HandleLease(handle);
        fixed (byte* k = key) RocksDbNative.IterSeekForPrev(lease.Pointer, k, (nuint)key.Length);
        ThrowIfFailed(lease.Pointer);
    }

    /// <exception cref="InvalidOperationException">The cursor is not on an entry.</exception>
    public void Next()
    {
        using var lease = Positioned();
        RocksDbNative.IterNext(lease.Pointer);
        ThrowIfFailed(lease.Pointer);
    }

    /// <exception cref="InvalidOperationException">The cursor is not on an entry.</exception>
    public void Prev()
    {
        using var lease = Positioned();
        RocksDbNative.IterPrev(lease.Pointer);
        ThrowIfFailed(lease.Pointer);
    }

    /// <summary>Copies the entries from the cursor to the end of its bounds, advancing the cursor as it goes.</summary>
    public IEnumerable<(byte[] Key, byte[] Value)> CopyRemaining()
    {
        for (; Valid; Next()) yield return (Key.ToArray(), Value.ToArray());
    }

    public void Dispose() => handle.Dispose();

    private HandleLease Positioned()
    {
        var lease = new HandleLease(handle);
        if (RocksDbNative.IterValid(lease.Pointer) != 0) return lease;
        lease.Dispose();
        throw new InvalidOperationException("The iterator is not positioned on an entry.");
    }

    // An iterator that stops being valid has either reached its end or hit an error (I/O, corruption).
    private void ThrowIfFailed(nint iterator)
    {
        if (RocksDbNative.IterValid(iterator) != 0) return;
        nint error = 0;
        RocksDbNative.IterGetError(iterator, ref error);
        RocksDbErrors.ThrowIfSet(error, path, "iteration");
    }
}
