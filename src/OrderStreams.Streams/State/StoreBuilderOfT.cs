namespace OrderStreams.Streams.State;

/// <summary>A <see cref="StoreBuilder"/> that builds stores of type <typeparamref name="T"/>.</summary>
public abstract class StoreBuilder<T> : StoreBuilder where T : IStateStore
{
    private protected StoreBuilder(string name, bool persistent)
        : base(name, persistent)
    {
    }

    /// <summary>Keeps the store without a changelog: it starts empty on every new instance of the task.</summary>
    public StoreBuilder<T> WithLoggingDisabled()
    {
        LoggingEnabled = false;
        return this;
    }

    /// <summary>Holds writes in the thread's record cache (<see cref="StreamsConfig.CacheMaxBytesBuffering"/>) until commit or eviction; key-value stores only.</summary>
    public StoreBuilder<T> WithCachingEnabled()
    {
        CachingEnabled = true;
        return this;
    }

    public StoreBuilder<T> WithCachingDisabled()
    {
        CachingEnabled = false;
        return this;
    }

    public StoreBuilder<T> WithLoggingEnabled(IReadOnlyDictionary<string, string>? changelogConfig = null)
    {
        LoggingEnabled = true;
        ChangelogConfig = changelogConfig ?? new Dictionary<string, string>();
        return this;
    }
}
