using System.Runtime.InteropServices;

namespace OrderStreams.Streams.Internals.State.RocksDb;

/// <summary>Keeps a handle from being released while a native call uses its pointer.</summary>
internal readonly ref struct HandleLease
{
    private readonly SafeHandle owner;

    /// <exception cref="ObjectDisposedException">The handle is already closed.</exception>
    public HandleLease(SafeHandle owner)
    {
        var added = false;
        owner.DangerousAddRef(ref added);
        this.owner = owner;
        Pointer = owner.DangerousGetHandle();
    }

    public nint Pointer { get; }

    public void Dispose() => owner.DangerousRelease();
}
