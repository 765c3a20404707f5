using OrderStreams.Streams.Internals.State;

namespace OrderStreams.Streams.State;

/// <summary>Describes a store a topology needs; each task builds its own instance. Logging to a changelog is on by default.</summary>
public abstract class StoreBuilder
{
    private protected StoreBuilder(string name, bool persistent)
    {
        Name = name;
        Persistent = persistent;
    }

    public string Name { get; }

    public bool Persistent { get; }

    public bool LoggingEnabled { get; private protected set; } = true;

    /// <summary>
    /// Whether writes go through the thread's record cache (key-value stores; off by default, as in Kafka Streams): a
    /// key's writes between commits reach the store and changelog once.
    /// </summary>
    public bool CachingEnabled { get; private protected set; }

    /// <summary>Topic configs for the changelog topic (on Apache Kafka; the embedded broker ignores them).</summary>
    public IReadOnlyDictionary<string, string> ChangelogConfig { get; private protected set; } = new Dictionary<string, string>();

    internal abstract IStoreInstance Build(StreamsConfig config);
}
