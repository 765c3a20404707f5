using OrderStreams.Streams.Internals.State;

namespace OrderStreams.Streams.State;

/// <summary>Makes the byte-level store under a key-value store; get one from <see cref="Stores"/>.</summary>
public sealed class KeyValueBytesStoreSupplier
{
    private readonly Func<IBytesStore> factory;

    internal KeyValueBytesStoreSupplier(string name, bool persistent, Func<IBytesStore> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Persistent = persistent;
        this.factory = factory;
    }

    public string Name { get; }

    public bool Persistent { get; }

    internal IBytesStore Create() => factory();
}
