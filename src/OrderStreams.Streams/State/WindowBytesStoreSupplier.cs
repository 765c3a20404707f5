using OrderStreams.Streams.Internals.State;

namespace OrderStreams.Streams.State;

/// <summary>Makes the byte-level store under a window store; get one from <see cref="Stores"/>.</summary>
public sealed class WindowBytesStoreSupplier
{
    private readonly Func<IBytesStore> factory;

    internal WindowBytesStoreSupplier(string name, bool persistent, TimeSpan retention, Func<IBytesStore> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(retention, TimeSpan.Zero);
        Name = name;
        Persistent = persistent;
        Retention = retention;
        this.factory = factory;
    }

    public string Name { get; }

    public bool Persistent { get; }

    /// <summary>How long behind stream time windows are kept.</summary>
    public TimeSpan Retention { get; }

    internal IBytesStore Create() => factory();
}
