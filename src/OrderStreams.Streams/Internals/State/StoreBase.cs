namespace OrderStreams.Streams.Internals.State;

/// <summary>Lifecycle and changelog logging shared by the typed stores.</summary>
internal abstract class StoreBase(string name, IBytesStore bytes, bool loggingEnabled) : IStoreInstance
{
    private StoreContext? context;

    public string Name { get; } = name;

    public bool Persistent => Bytes.Persistent;

    public bool LoggingEnabled { get; } = loggingEnabled;

    public IBytesStore Bytes { get; } = bytes;

    protected string Topic => context?.ChangelogTopic ?? Name;

    protected StoreContext Context => context ?? throw new InvalidOperationException($"Store '{Name}' is used before its task initialised it.");

    public virtual void Init(StoreContext storeContext)
    {
        context = storeContext;
        Bytes.Open(storeContext);
    }

    public virtual void Flush() => Bytes.Flush();

    public virtual void Close()
    {
        Bytes.Flush();
        Bytes.Dispose();
    }

    public abstract object ReadOnlyView(Func<IEnumerable<IStoreInstance>> instances);

    protected void WriteBytes(byte[] key, byte[]? value)
    {
        if (value is null) Bytes.Delete(key);
        else Bytes.Put(key, value);
        LogBytes(key, value, context?.RecordTimestamp() ?? 0);
    }

    protected void LogBytes(byte[] key, byte[]? value, long timestamp)
    {
        if (LoggingEnabled && context?.Changelog is { } changelog)
            changelog.SendChangelog(context.ChangelogTopic, context.Partition, key, value, timestamp);
    }
}
